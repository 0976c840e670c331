package org.sgae.data.pipeline;

/** A producer thread failed; the cause is the original error (often a DataFormatException naming the file). */
public class LoaderException extends RuntimeException {
    public LoaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
