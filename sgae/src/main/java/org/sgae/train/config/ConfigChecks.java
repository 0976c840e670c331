package org.sgae.train.config;

/** The one message format of every config's {@code validate()}: "Record.field: rule, got value". */
final class ConfigChecks {
    private ConfigChecks() {
    }

    static void require(boolean ok, String record, String field, String rule, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(record + "." + field + ": " + rule + ", got " + value);
        }
    }
}
