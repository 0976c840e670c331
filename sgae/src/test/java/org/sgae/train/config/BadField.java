package org.sgae.train.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.params.provider.Arguments;

/** One bad config field: building {@code make} must fail with a message that starts with the field's path. */
final class BadField {
    private BadField() {
    }

    static Arguments of(String field, Supplier<Object> make) {
        return Arguments.of(field, make);
    }

    static void assertNamed(String field, Supplier<Object> make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }
}
