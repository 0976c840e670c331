package org.sgae.tensor.spi;

/** Result of probing a backend: available, or not with a one-line reason (which library or device was missing). */
public record Availability(boolean available, String reason) {
    public static Availability yes() {
        return new Availability(true, "available");
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
