package org.sgae.kernels;

/** Turns native-library failures into one line: JCuda/JOCL messages often carry kilobytes of nested traces. */
public final class Messages {
    private Messages() {
    }

    /** "ExceptionClass: first line of its message". */
    public static String firstLine(Throwable t) {
        if (t == null) {
            return "";
        }
        String m = t.getMessage();
        if (m == null) {
            return t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }
}
