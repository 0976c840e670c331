package org.sgae.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.sgae.nn.Parameter;
import org.sgae.nn.SafeTensors;
import org.sgae.nn.StateDict;
import org.sgae.nn.optim.Optimizer;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.TrainConfig;

/**
 * Checkpoints of model-spec §11.5 and architecture.md §7, one folder per saved iteration,
 * {@code <run>/checkpoints/iter-00000100/}:
 * <ul>
 *   <li>{@code model.safetensors}: parameters and BN running statistics ({@link TrainableModel#stateDict()});</li>
 *   <li>{@code optim.safetensors}: the optimiser's state ("i.momentum_buffer", i = parameter index);</li>
 *   <li>{@code config.json}: the resolved {@link TrainConfig};</li>
 *   <li>{@code state.json}: {@link State} (phase, iteration, seed: the random streams' whole state, since they are
 *       derived per iteration by {@link RandomStreams#forIteration}).</li>
 * </ul>
 * A folder is written under a hidden temporary name and renamed into place, so a crash never leaves a half
 * checkpoint that {@link #latest} would pick; an existing checkpoint is never overwritten. A failed write (a full
 * disk: {@link #isOutOfSpace}) deletes its temporary folder and is one message naming the checkpoint and the one
 * before it, which stays intact. Everything goes through {@link Files} on the given {@link Path}s (no
 * {@code toFile()}), so checkpoints work on any file system (the disk-full test runs on a size-limited in-memory one).
 */
public final class Checkpoint {
    public static final String MODEL = "model.safetensors";
    public static final String OPTIM = "optim.safetensors";
    public static final String CONFIG = "config.json";
    public static final String STATE = "state.json";
    private static final String FOLDER_PREFIX = "iter-";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Causes looked at for a full disk: a bound, since a cause chain can be made to loop. */
    private static final int MAX_CAUSES = 16;

    /** state.json: what the trainer needs besides tensors to continue exactly. */
    public record State(int phase, int iteration, long seed, String streams) {
        /** How the streams follow from the state: documented in the file for whoever reads it. */
        static final String PER_ITERATION = "RandomStreams.forIteration(seed, iteration); data order EpochOrder(seed, epoch)";
    }

    private Checkpoint() {
    }

    /** {@code <run>/checkpoints}. */
    public static Path folderOf(Path runDir) {
        return runDir.resolve("checkpoints");
    }

    /** Saves after {@code iteration} completed steps; returns the checkpoint folder. */
    public static Path save(Path runDir, TrainConfig cfg, int phase, int iteration, TrainableModel model,
                            Solver solver) {
        return write(runDir, cfg, phase, iteration, model.stateDict(), solver.optimizer().stateDict());
    }

    /**
     * Saves a model trained by several optimisers (phase 1: G, D_img, D_obj): optim.safetensors holds each one's state
     * under its name, "name.i.key".
     */
    public static Path save(Path runDir, TrainConfig cfg, int phase, int iteration, TrainableModel model,
                            Map<String, Optimizer> optimizers) {
        StateDict all = new StateDict();
        optimizers.forEach((name, opt) -> opt.stateDict().forEach((k, v) -> all.put(name + "." + k, v)));
        return write(runDir, cfg, phase, iteration, model.stateDict(), all);
    }

    private static Path write(Path runDir, TrainConfig cfg, int phase, int iteration, StateDict modelState,
                              StateDict optimState) {
        Path dir = folderOf(runDir).resolve(String.format("%s%08d", FOLDER_PREFIX, iteration));
        if (Files.exists(dir)) {
            throw new IllegalStateException("checkpoint " + dir + " exists already; it is not overwritten");
        }
        String configJson = ConfigJson.toJson(cfg);
        Map<String, String> meta = Map.of("preset", cfg.preset().name(), "phase", Integer.toString(phase),
                "iteration", Integer.toString(iteration), "config_sha256", sha256(configJson));
        Path tmp = null;
        try {
            Files.createDirectories(dir.getParent());
            tmp = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".tmp");
            SafeTensors.write(tmp.resolve(MODEL), modelState, meta);
            SafeTensors.write(tmp.resolve(OPTIM), optimState, meta);
            Files.writeString(tmp.resolve(CONFIG), configJson, StandardCharsets.UTF_8);
            Files.write(tmp.resolve(STATE),
                    JSON.writeValueAsBytes(new State(phase, iteration, cfg.seed(), State.PER_ITERATION)));
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException(writeFailure(runDir, dir, e), e);
            dropTemporary(tmp, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            dropTemporary(tmp, e);
            throw e;
        }
        return dir;
    }

    /**
     * The one line a failed checkpoint write is: the checkpoint, why (a full disk said in words), and the newest
     * complete checkpoint, which the failed write did not touch.
     */
    private static String writeFailure(Path runDir, Path dir, IOException e) {
        String why = isOutOfSpace(e) ? "no space left on device (the disk is full)"
                : e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + " " + e.getMessage(); // e.g. AccessDeniedException <path>
        String previous;
        try {
            previous = latest(runDir).map(p -> "the previous checkpoint " + p + " is intact; free space and continue"
                    + " with --resume").orElse("no earlier checkpoint of this run");
        } catch (UncheckedIOException listing) {
            previous = "earlier checkpoints could not be listed (" + listing.getMessage() + ")";
        }
        return "cannot write checkpoint " + dir + ": " + why + "; " + previous;
    }

    /** Deletes a half-written temporary folder; a failure to do so is added to {@code cause}, never hides it. */
    private static void dropTemporary(Path tmp, Throwable cause) {
        if (tmp == null) {
            return;
        }
        try {
            Folders.deleteTree(tmp);
        } catch (UncheckedIOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Whether {@code e} (or a cause) says the disk is full: ENOSPC's "No space left on device" (Linux, macOS),
     * Windows' "There is not enough space on the disk", an in-memory file system's "out of disk space", a disk quota.
     */
    public static boolean isOutOfSpace(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
            if (m.contains("no space left") || m.contains("not enough space") || m.contains("out of disk space")
                    || m.contains("disk quota exceeded")) {
                return true;
            }
        }
        return false;
    }

    /** The newest complete checkpoint of a run, if any. */
    public static Optional<Path> latest(Path runDir) {
        List<Path> all = list(runDir);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Complete checkpoints, oldest first. */
    public static List<Path> list(Path runDir) {
        Path root = folderOf(runDir);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().startsWith(FOLDER_PREFIX) && Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /**
     * Deletes all but the newest {@code keep} checkpoints, and the hidden leftovers ({@code .iter-…}) of writes or
     * deletions that a killed process did not finish. A checkpoint is first renamed to a hidden name, so a kill in
     * the middle of deleting it never leaves a partial folder that {@link #list} would show.
     */
    public static void prune(Path runDir, int keep) {
        List<Path> all = list(runDir);
        for (int i = 0; i < all.size() - keep; i++) {
            Path gone = all.get(i).resolveSibling("." + all.get(i).getFileName() + ".deleting");
            try {
                Files.move(all.get(i), gone, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the old checkpoint " + all.get(i), e);
            }
            Folders.deleteTree(gone);
        }
        for (Path leftover : leftovers(runDir)) {
            Folders.deleteTree(leftover);
        }
    }

    /**
     * Hidden {@code .iter-…} entries of the checkpoints folder: temporary folders of a write, or checkpoints being
     * deleted, that a killed process left. {@link #list} and {@link #latest} never see them. Only the process that
     * trains in the run folder writes there, so between its saves every such entry is a leftover.
     */
    static List<Path> leftovers(Path runDir) {
        Path root = folderOf(runDir);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().startsWith("." + FOLDER_PREFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /**
     * Restores model and optimiser state from {@code dir} and returns its state. Everything is checked before
     * anything is copied: a checkpoint of another preset or phase, a missing or extra tensor, or a shape mismatch is
     * one IllegalArgumentException naming the file and the tensor, and leaves the model and optimiser untouched.
     */
    public static State load(Path dir, TrainConfig cfg, int phase, TrainableModel model, Solver solver) {
        State state = checkRun(dir, cfg, phase);
        if (state.seed() != cfg.seed()) {
            throw new IllegalArgumentException(dir.resolve(STATE) + ": checkpoint of seed " + state.seed()
                    + ", this run's seed is " + cfg.seed() + " (resuming would not continue the same run)");
        }
        try (MemoryScope scope = MemoryScope.open()) {
            StateDict weights = read(dir.resolve(MODEL));
            StateDict optim = read(dir.resolve(OPTIM));
            checkSame(dir.resolve(MODEL), model.stateDict(), weights);
            checkOptim(dir.resolve(OPTIM), solver.parameters(), optim);
            // The optimiser first: its own key checks are the only ones left, and the model load cannot fail now.
            solver.optimizer().loadStateDict(optim);
            model.loadStateDict(weights);
        }
        return state;
    }

    /**
     * {@link #load} for a model with several named optimisers (the "name.i.key" layout of the multi-optimiser
     * {@link #save}); the same checks, per optimiser, before anything is copied.
     */
    public static State load(Path dir, TrainConfig cfg, int phase, TrainableModel model,
                             Map<String, Optimizer> optimizers) {
        State state = checkRun(dir, cfg, phase);
        if (state.seed() != cfg.seed()) {
            throw new IllegalArgumentException(dir.resolve(STATE) + ": checkpoint of seed " + state.seed()
                    + ", this run's seed is " + cfg.seed() + " (resuming would not continue the same run)");
        }
        try (MemoryScope scope = MemoryScope.open()) {
            StateDict weights = read(dir.resolve(MODEL));
            StateDict optim = read(dir.resolve(OPTIM));
            checkSame(dir.resolve(MODEL), model.stateDict(), weights);
            Map<String, StateDict> parts = new java.util.LinkedHashMap<>();
            optimizers.keySet().forEach(n -> parts.put(n, new StateDict()));
            for (Map.Entry<String, Tensor> e : optim.entrySet()) {
                int dot = e.getKey().indexOf('.');
                StateDict part = dot > 0 ? parts.get(e.getKey().substring(0, dot)) : null;
                if (part == null) {
                    throw new IllegalArgumentException(dir.resolve(OPTIM) + ": tensor '" + e.getKey()
                            + "' names no optimiser of this run (expected one of " + optimizers.keySet() + ")");
                }
                part.put(e.getKey().substring(dot + 1), e.getValue());
            }
            for (Map.Entry<String, Optimizer> e : optimizers.entrySet()) {
                List<Parameter> params = new java.util.ArrayList<>();
                e.getValue().groups().forEach(g -> params.addAll(g.params()));
                checkOptim(dir.resolve(OPTIM), params, parts.get(e.getKey()));
            }
            optimizers.forEach((n, opt) -> opt.loadStateDict(parts.get(n)));
            model.loadStateDict(weights);
        }
        return state;
    }

    /**
     * Restores only the model's parameters and buffers (evaluation), with the checks of {@link #load} on preset,
     * phase, tensor names and shapes; the seed may differ.
     */
    public static State loadModel(Path dir, TrainConfig cfg, int phase, TrainableModel model) {
        State state = checkRun(dir, cfg, phase);
        try (MemoryScope scope = MemoryScope.open()) {
            StateDict weights = read(dir.resolve(MODEL));
            checkSame(dir.resolve(MODEL), model.stateDict(), weights);
            model.loadStateDict(weights);
        }
        return state;
    }

    /** The checkpoint's state, after checking that it belongs to {@code cfg}'s preset and to {@code phase}. */
    private static State checkRun(Path dir, TrainConfig cfg, int phase) {
        State state = readState(dir);
        TrainConfig saved = ConfigJson.read(dir.resolve(CONFIG));
        if (saved.preset() != cfg.preset()) {
            throw new IllegalArgumentException(dir.resolve(CONFIG) + ": checkpoint of preset " + saved.preset()
                    + ", this run is " + cfg.preset());
        }
        if (state.phase() != phase) {
            throw new IllegalArgumentException(dir.resolve(STATE) + ": checkpoint of phase " + state.phase()
                    + ", this run is phase " + phase);
        }
        return state;
    }

    private static State readState(Path dir) {
        Path file = dir.resolve(STATE);
        try {
            return JSON.readValue(Files.readAllBytes(file), State.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read checkpoint state (" + e.getMessage() + ")");
        }
    }

    private static StateDict read(Path file) {
        try {
            return SafeTensors.read(file).tensors();
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static void checkSame(Path file, Map<String, Tensor> expected, Map<String, Tensor> found) {
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor f = found.get(e.getKey());
            if (f == null) {
                throw new IllegalArgumentException(file + ": tensor '" + e.getKey() + "' is missing");
            }
            if (!f.shape().equals(e.getValue().shape())) {
                throw new IllegalArgumentException(file + ": tensor '" + e.getKey() + "': expected shape "
                        + e.getValue().shape() + ", found " + f.shape());
            }
        }
        for (String k : found.keySet()) {
            if (!expected.containsKey(k)) {
                throw new IllegalArgumentException(file + ": tensor '" + k + "' is not in this model");
            }
        }
    }

    private static void checkOptim(Path file, List<Parameter> params, Map<String, Tensor> found) {
        for (Map.Entry<String, Tensor> e : found.entrySet()) {
            String k = e.getKey();
            int dot = k.indexOf('.');
            int i = dot > 0 ? parseIndex(k.substring(0, dot)) : -1;
            if (i < 0 || i >= params.size()) {
                throw new IllegalArgumentException(file + ": tensor '" + k + "' names no parameter of this model");
            }
            // Optimiser state is parameter-shaped (momentum, Adam's moments) or a scalar (Adam's step count).
            boolean scalar = e.getValue().shape().rank() == 0;
            if (!scalar && !e.getValue().shape().equals(params.get(i).shape())) {
                throw new IllegalArgumentException(file + ": tensor '" + k + "': expected shape "
                        + params.get(i).shape() + ", found " + e.getValue().shape());
            }
        }
    }

    /** The config digest of architecture.md §7's safetensors metadata: which config.json the tensors belong to. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static int parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
