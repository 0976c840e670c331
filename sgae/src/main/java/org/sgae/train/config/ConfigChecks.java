package org.sgae.train.config;

/** The one message format of every config's {@code validate()}: "Record.field: rule, got value". */
final class ConfigChecks {
    private ConfigChecks() {
    }

    /** True for a null list or one holding null (List.of(...).contains(null) throws, so look element by element). */
    static boolean hasNull(java.util.List<?> list) {
        if (list == null) {
            return true;
        }
        for (Object o : list) {
            if (o == null) {
                return true;
            }
        }
        return false;
    }

    static void require(boolean ok, String record, String field, String rule, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(record + "." + field + ": " + rule + ", got " + value);
        }
    }
}
