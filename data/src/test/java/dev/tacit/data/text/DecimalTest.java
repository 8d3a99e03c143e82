package dev.tacit.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The byte parser agrees with {@link Double#parseDouble} bit for bit, and refuses what is not a plain decimal. */
class DecimalTest {

    private static double parse(String s) {
        byte[] b = ("##" + s + "##").getBytes(StandardCharsets.ISO_8859_1);
        return Decimal.parse(b, 2, b.length - 2);
    }

    private static void assertSameAsJava(String s) {
        long want = Double.doubleToRawLongBits(Double.parseDouble(s));
        long got = Double.doubleToRawLongBits(parse(s));
        assertEquals(want, got, s + " parsed as " + parse(s) + ", Java says " + Double.parseDouble(s));
    }

    @Test
    void agreesWithJavaOnRandomDecimalsInEveryNotation() {
        SplittableRandom rng = new SplittableRandom(2024);
        for (int k = 0; k < 4_000; k++) {
            double v = switch (k % 4) {
                case 0 -> rng.nextGaussian() * Math.pow(10, rng.nextInt(40) - 20);
                case 1 -> Double.longBitsToDouble(rng.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL);
                case 2 -> rng.nextInt(11) / 2.0;
                default -> rng.nextDouble();
            };
            assertSameAsJava(Double.toString(v));
            assertSameAsJava(String.format(Locale.ROOT, "%.17g", v));
            assertSameAsJava(String.format(Locale.ROOT, "%." + rng.nextInt(18) + "e", v));
            assertSameAsJava(String.format(Locale.ROOT, "%." + rng.nextInt(10) + "f", v));
        }
        for (String s : new String[] {"0", "-0", "+0.0", "4", "3.5", ".5", "5.", "1e22", "1e23", "9007199254740993",
            "123456789012345678901234567890", "0.000000000000000000000000001", "1E-400", "4.9e-324", "2.4703282292062328e-324",
            "1.7976931348623157e308", "1e-22", "0e999999999", "00000000000000000000001.5"}) {
            assertSameAsJava(s);
        }
        assertEquals(Double.POSITIVE_INFINITY, parse("1e999"));
    }

    @Test
    void refusesWhatIsNotAPlainDecimal() {
        for (String s : new String[] {"", "-", "+", ".", "e5", "1e", "1e+", "NaN", "Infinity", "inf", "0x1p3", "1d",
            "1f", " 1", "1 ", "1,5", "1..2", "1e5.5", "--1", "\u0661"}) {
            assertTrue(Double.isNaN(parse(s)), "'" + s + "' must be refused");
        }
        byte[] b = "nan -Infinity inf".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(Decimal.spellsNonFinite(b, 0, 3));
        assertTrue(Decimal.spellsNonFinite(b, 4, 13));
        assertFalse(Decimal.spellsNonFinite(b, 0, 5));
    }

    @Test
    void wholeNumbersFitALong() {
        byte[] max = Long.toString(Long.MAX_VALUE).getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(Decimal.isWhole(max, 0, max.length));
        assertEquals(Long.MAX_VALUE, Decimal.whole(max, 0, max.length));
        byte[] min = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Long.MIN_VALUE, Decimal.whole(min, 0, min.length));
        byte[] over = "9223372036854775808".getBytes(StandardCharsets.ISO_8859_1);
        assertFalse(Decimal.isWhole(over, 0, over.length));
        byte[] odd = "+12 1.0 -".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(Decimal.isWhole(odd, 0, 3));
        assertEquals(12, Decimal.whole(odd, 0, 3));
        assertFalse(Decimal.isWhole(odd, 4, 7));
        assertFalse(Decimal.isWhole(odd, 8, 9));
    }
}
