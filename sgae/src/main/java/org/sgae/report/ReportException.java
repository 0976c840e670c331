package org.sgae.report;

/** The report cannot be written (its folder exists, or the disk refused); the message is one line naming the path. */
public class ReportException extends RuntimeException {
    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
