package org.sgae.kernels;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.sgae.kernels.cuda.CudaBackendProvider;
import org.sgae.kernels.opencl.OpenClBackendProvider;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.spi.Backends;

/**
 * Runs the kernels test suites without Maven (the GPU machine has only the carried JRE and jars):
 * {@code java -cp ... org.sgae.kernels.GpuSuiteMain [classNameRegex]}, default {@code .*CudaTest|.*Cuda.*Test}.
 * Prints one line per finished test container, failures with their first lines, and a summary; exits 1 on any
 * failure and 2 when the selected tests all skipped or a Cuda pattern ran without a CUDA device, so scripts notice.
 */
public final class GpuSuiteMain {
    private GpuSuiteMain() {
    }

    public static void main(String[] args) {
        String pattern = args.length > 0 ? args[0] : ".*Cuda.*Test";
        System.out.println("CUDA:   " + Backends.probe(DeviceKind.CUDA).reason());
        System.out.println("OpenCL: " + Backends.probe(DeviceKind.OPENCL).reason());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("org.sgae.kernels"))
                .filters(includeClassNamePatterns(pattern))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener progress = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isContainer() && id.getParentId().isPresent() && id.getSource().isPresent()
                        && id.getSource().get() instanceof org.junit.platform.engine.support.descriptor.ClassSource) {
                    System.out.println(result.getStatus() + "  " + id.getDisplayName());
                }
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    String m = result.getThrowable().map(Throwable::toString).orElse("");
                    System.out.println("  FAILED " + id.getDisplayName() + ": " + m.split("\n")[0]);
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                if (id.isContainer()) {
                    System.out.println("SKIPPED " + id.getDisplayName() + ": " + reason);
                }
            }
        };
        launcher.execute(request, summary, progress);
        TestExecutionSummary s = summary.getSummary();
        s.printTo(new PrintWriter(System.out));
        s.printFailuresTo(new PrintWriter(System.out), 20);
        System.out.flush();
        if (s.getTotalFailureCount() > 0) {
            System.exit(1);
        }
        if (s.getTestsSucceededCount() == 0 || (pattern.contains("Cuda") && !org.sgae.kernels.cuda.Cuda.available())) {
            System.out.println("No CUDA device: the CUDA parity suites were skipped (exit 2)");
            System.exit(2);
        }
        System.exit(0);
    }

    static {
        // referenced so the probes' classes are initialised in a predictable order in the log
        CudaBackendProvider.class.getName();
        OpenClBackendProvider.class.getName();
    }
}
