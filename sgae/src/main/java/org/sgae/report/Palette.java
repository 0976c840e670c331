package org.sgae.report;

import java.awt.Color;

/** Fixed colours: a name always gets the same colour (String.hashCode is specified, so stable across runs). */
final class Palette {
    /** Tableau-like colours dark enough for white text on them. */
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0x7f7f7f), new Color(0xbcbd22),
        new Color(0x393b79), new Color(0x843c39), new Color(0x637939), new Color(0x7b4173), new Color(0x3182bd),
        new Color(0xe6550d),
    };

    private Palette() {
    }

    static Color of(String name) {
        return COLORS[Math.floorMod(name.hashCode(), COLORS.length)];
    }

    static Color at(int i) {
        return COLORS[Math.floorMod(i, COLORS.length)];
    }
}
