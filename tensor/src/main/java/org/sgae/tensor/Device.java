package org.sgae.tensor;

import java.util.Locale;

/** A compute device: kind plus index ({@code cuda:0}, {@code opencl:0}); the CPU is always index 0. */
public record Device(DeviceKind kind, int index) {
    private static final Device CPU = new Device(DeviceKind.CPU, 0);

    public Device {
        if (kind == null) {
            throw new IllegalArgumentException("Device kind must not be null");
        }
        if (index < 0) {
            throw new IllegalArgumentException("Device index must be >= 0, got " + index);
        }
    }

    public static Device cpu() {
        return CPU;
    }

    public static Device cuda(int index) {
        return new Device(DeviceKind.CUDA, index);
    }

    public static Device opencl(int index) {
        return new Device(DeviceKind.OPENCL, index);
    }

    public boolean isCpu() {
        return kind == DeviceKind.CPU;
    }

    /** Parses {@code cpu}, {@code cuda}, {@code cuda:1}, {@code opencl:0}. */
    public static Device parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        int index = 0;
        if (colon >= 0) {
            try {
                index = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad device '" + text + "': index is not a number");
            }
        }
        switch (name) {
            case "cpu":
                if (index != 0) {
                    throw new IllegalArgumentException("Bad device '" + text + "': the CPU has index 0 only");
                }
                return CPU;
            case "cuda":
                return cuda(index);
            case "opencl":
                return opencl(index);
            default:
                throw new IllegalArgumentException("Bad device '" + text + "': expected cpu, cuda:N or opencl:N");
        }
    }

    @Override
    public String toString() {
        return kind == DeviceKind.CPU ? "cpu" : kind.name().toLowerCase(Locale.ROOT) + ":" + index;
    }
}
