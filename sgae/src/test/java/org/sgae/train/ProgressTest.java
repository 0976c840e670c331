package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void plainLinesCarryAnEtaAndNeverRedraw() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = new Progress.Lines("phase 0", 0, 10, new PrintStream(bytes, true))) {
            p.step(5);
            p.log(5, "loss 1.0");
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("phase 0 5/10 (50%) loss 1.0 eta "), text);
        assertEquals(1, text.lines().count(), "one line per log step");
        assertTrue(text.indexOf('\r') < 0, "no carriage returns without a terminal");
    }

    @Test
    void theBarRendersToAStreamThatIsNoTerminal() {
        // The bar's fixed width keeps it from querying a terminal; this is what CI would see if one were forced.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = new Progress.Bar("phase 0", 2, 10, new PrintStream(bytes, true))) {
            p.step(10);
            p.log(10, "loss 0.5");
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("phase 0") && text.contains("100%") && text.contains("10/10"), text);
    }

    @Test
    void etaFormat() {
        assertEquals("1m05s", Progress.Lines.formatSeconds(65));
        assertEquals("2h00m01s", Progress.Lines.formatSeconds(7201));
    }
}
