package dev.tacit.data.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the publisher's checksum files in every layout GroupLens has used, and refusing anything else. */
class ChecksumTest {

    private static final String HEX = "c4d9eecfca2ab87c1945afe126590906";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "MD5 (ml-1m.zip) = c4d9eecfca2ab87c1945afe126590906\n",
        "MD5 (ml-1m.zip) = C4D9EECFCA2AB87C1945AFE126590906",
        "MD5(ml-1m.zip)= c4d9eecfca2ab87c1945afe126590906\r\n",
        "c4d9eecfca2ab87c1945afe126590906  ml-1m.zip\n",
        "c4d9eecfca2ab87c1945afe126590906 *ml-1m.zip\n",
        "c4d9eecfca2ab87c1945afe126590906  ./ml-1m.zip\n",
        "\uFEFF\n  c4d9eecfca2ab87c1945afe126590906  ml-1m.zip  \n\n",
        "c4d9eecfca2ab87c1945afe126590906\n",
        "0123456789abcdef0123456789abcdef  ml-25m.zip\nc4d9eecfca2ab87c1945afe126590906  ml-1m.zip\n",
    })
    void readsBothLayoutsOfTheChecksumFile(String text) {
        assertEquals(Checksum.md5(HEX), Checksum.parseMd5File(text, "ml-1m.zip"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "MD5 (ml-25m.zip) = c4d9eecfca2ab87c1945afe126590906|it gives the MD5 of ml-25m.zip, not of ml-1m.zip",
        "c4d9eecfca2ab87c1945afe12659090  ml-1m.zip|is neither",
        "<html>404 Not Found</html>|is neither",
        "SHA256 (ml-1m.zip) = c4d9eecfca2ab87c1945afe126590906|is neither",
        "'   '|it is empty",
    })
    void refusesAnythingElseSayingWhy(String text, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checksum.parseMd5File(text, "ml-1m.zip"));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void aChecksumHasItsAlgorithmsLength() {
        assertThrows(IllegalArgumentException.class, () -> Checksum.md5(HEX + "00"));
        assertThrows(IllegalArgumentException.class, () -> Checksum.sha256(HEX));
        assertThrows(IllegalArgumentException.class, () -> Checksum.md5("g" + HEX.substring(1)));
        assertEquals("MD5 " + HEX, Checksum.md5(HEX.toUpperCase()).toString());
    }
}
