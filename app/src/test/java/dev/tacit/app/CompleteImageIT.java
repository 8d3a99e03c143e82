package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code tacit complete} in the jlink image: every method is linked in, found and runs. */
class CompleteImageIT {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cp|",
        "softimpute|",
        "softimpute|--method-opt reference=1",
        "optspace|",
        "lnn|--iterations 200 --eval-every 100",
    })
    void everyMethodRunsInTheImage(String method, String extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("complete", "--method", method, "--size", "30", "--rank", "2",
                "--observed", "450", "--json"));
        if (extra != null) {
            args.addAll(List.of(extra.split(" ")));
        }
        CliRun run = Image.run(120, args.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        assertTrue(run.number("test_rmse") >= 0, run.out());
        assertTrue(run.number("iterations") >= 1 && run.number("iterations") <= run.number("max_iterations"),
                run.out());
        assertTrue(run.out().contains("\"stop_reason\":"), run.out());
        assertTrue(run.err().contains("%]"), "progress on stderr: " + run.err());
    }

    @Test
    void badMethodSettingsExitWithTwoAndNoStackTrace() throws Exception {
        CliRun run = Image.run(30, "complete", "--method", "cp", "--method-opt", "tolerance=0");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("bad --method-opt for cp: tolerance must be in"), run.err());
        assertFalse(run.err().contains("at dev.tacit"), run.err());
    }
}
