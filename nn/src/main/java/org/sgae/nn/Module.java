package org.sgae.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Elementwise;

/**
 * A node of a model tree. Parameters, buffers (named state that is not trained, e.g. batch-norm running statistics)
 * and child modules are registered explicitly by name into LinkedHashMaps, so iteration order, dotted names and
 * state-dict order are stable and follow registration order.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> modules = new LinkedHashMap<>();
    private boolean training = true;

    protected Parameter registerParameter(String name, Tensor data) {
        Parameter p = new Parameter(data);
        put(parameters, name, p);
        return p;
    }

    /** Registers a buffer; it leaves every MemoryScope (it is model state, not a step temporary). */
    protected Tensor registerBuffer(String name, Tensor data) {
        put(buffers, name, MemoryScope.escape(data));
        return data;
    }

    protected <M extends Module> M registerModule(String name, M module) {
        if (module == this) {
            throw new IllegalArgumentException("Module cannot contain itself as '" + name + "'");
        }
        put(modules, name, module);
        return module;
    }

    private <V> void put(Map<String, V> map, String name, V value) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("Bad name '" + name + "' in " + getClass().getSimpleName()
                    + ": names must be non-empty and contain no '.'");
        }
        if (value == null) {
            throw new IllegalArgumentException("Null value registered as '" + name + "' in " + getClass().getSimpleName());
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || modules.containsKey(name)) {
            throw new IllegalArgumentException("Name '" + name + "' registered twice in " + getClass().getSimpleName());
        }
        map.put(name, value);
    }

    /** Every parameter of this tree with its dotted name, depth first in registration order. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    private void collectParameters(String prefix, Map<String, Parameter> out) {
        parameters.forEach((k, v) -> out.put(prefix + k, v));
        modules.forEach((k, m) -> m.collectParameters(prefix + k + ".", out));
    }

    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Every buffer of this tree with its dotted name. */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return out;
    }

    private void collectBuffers(String prefix, Map<String, Tensor> out) {
        buffers.forEach((k, v) -> out.put(prefix + k, v));
        modules.forEach((k, m) -> m.collectBuffers(prefix + k + ".", out));
    }

    /** Direct children in registration order. */
    public Map<String, Module> children() {
        return new LinkedHashMap<>(modules);
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.numel();
        }
        return n;
    }

    // ------------------------------------------------------------------ modes

    /** Training mode (dropout active, batch norm uses and updates batch statistics), recursively. */
    public Module train() {
        setTraining(true);
        return this;
    }

    /** Evaluation mode (dropout off, batch norm uses running statistics), recursively. */
    public Module eval() {
        setTraining(false);
        return this;
    }

    private void setTraining(boolean on) {
        training = on;
        modules.values().forEach(m -> m.setTraining(on));
    }

    public boolean isTraining() {
        return training;
    }

    public void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    // ------------------------------------------------------------------ state dicts

    /** Parameters then buffers of each module, depth first; the tensors are the live ones, not copies. */
    public StateDict stateDict() {
        StateDict sd = new StateDict();
        collectState("", sd);
        return sd;
    }

    private void collectState(String prefix, StateDict out) {
        parameters.forEach((k, v) -> out.put(prefix + k, v.data()));
        buffers.forEach((k, v) -> out.put(prefix + k, v));
        modules.forEach((k, m) -> m.collectState(prefix + k + ".", out));
    }

    /**
     * Copies matching entries into this tree's tensors in place (converting dtype and device). Shapes must match
     * exactly. Keys that only one side has are an error ({@link StateDict.Keys#STRICT}) or are returned
     * ({@link StateDict.Keys#LENIENT}).
     */
    public StateDict.LoadResult loadStateDict(Map<String, Tensor> sd, StateDict.Keys keys) {
        StateDict own = stateDict();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (String k : own.keySet()) {
            if (!sd.containsKey(k)) {
                missing.add(k);
            }
        }
        for (String k : sd.keySet()) {
            if (!own.containsKey(k)) {
                unexpected.add(k);
            }
        }
        if (keys == StateDict.Keys.STRICT && (!missing.isEmpty() || !unexpected.isEmpty())) {
            throw new IllegalArgumentException("loadStateDict into " + getClass().getSimpleName() + ": missing keys "
                    + missing + ", unexpected keys " + unexpected);
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = sd.get(e.getKey());
            if (src != null && !src.shape().equals(e.getValue().shape())) {
                throw new IllegalArgumentException("Shape mismatch in '" + e.getKey() + "': expected "
                        + e.getValue().shape() + ", found " + src.shape());
            }
        }
        try (MemoryScope scope = MemoryScope.open()) {
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                Tensor src = sd.get(e.getKey());
                if (src != null) {
                    Tensor dst = e.getValue();
                    Elementwise.copyInto(src.to(dst.device()).to(dst.dtype()).detach(), dst);
                }
            }
        }
        return new StateDict.LoadResult(missing, unexpected);
    }
}
