package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code tacit train} with the new optimizers, penalties and schedules, in-process. */
class ScheduleOptionsTest {

    private static final String[] SMALL = {"--size", "20", "--rank", "2", "--observed", "150", "--iterations", "40",
        "--eval-every", "20", "--json", "--quiet"};

    private static CliRun train(String... args) {
        String[] all = new String[1 + args.length + SMALL.length];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(SMALL, 0, all, 1 + args.length, SMALL.length);
        return CliRun.of(all);
    }

    @Test
    void everyOptimizerTrainsFromTheCommandLine() {
        for (String name : new String[] {"nesterov", "amsgrad", "adamw", "nadam", "radam", "adamax", "adagrad",
            "rmsprop", "adadelta", "asgd", "lbfgs"}) {
            CliRun run = train("--optimizer", name, "--opt", "lr=" + (name.equals("lbfgs") ? "1" : "0.001"));
            assertEquals(0, run.code(), name + ": " + run.err());
            assertTrue(Double.isFinite(run.number("test_rmse")), name + ": " + run.out());
        }
    }

    @Test
    void scheduleAndPenaltySettingsReachTheRunAndTheJson() {
        CliRun run = train("--schedule", "plateau", "--schedule-opt", "patience=5", "--penalty", "schatten-half",
                "--penalty-opt", "eps=1e-5");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("\"penalty\":\"schatten-half\",\"penalty_settings\":{\"eps\":\"1e-5\"}"),
                run.out());
        assertTrue(run.out().contains("\"schedule\":\"plateau\",\"schedule_settings\":{\"patience\":\"5\"}"),
                run.out());
    }

    @Test
    void everyBadNameKeyOrValueIsReportedAtOnce() {
        CliRun run = CliRun.of("train", "--opt", "beta2=2", "--penalty", "schatten-half", "--penalty-opt", "p=2",
                "--schedule", "plateau", "--schedule-opt", "factor=3", "--schedule-opt", "patience=x");
        assertEquals(2, run.code());
        String err = run.err();
        assertTrue(err.contains("bad --opt for adam: beta2 must be in"), err);
        assertTrue(err.contains("bad --penalty-opt for schatten-half: unknown setting 'p' (known: eps, svd)"), err);
        assertTrue(err.contains("bad --schedule-opt for plateau: factor must be in") && err.contains(
                "patience must be a number, got 'x'"), err);
        assertFalse(err.contains("Exception"), err);
        CliRun refresh = CliRun.of("train", "--penalty-opt", "refresh=0");
        assertEquals(2, refresh.code());
        assertTrue(refresh.err().contains("bad --penalty-opt for ratio: refresh must be in"), refresh.err());
        CliRun unknown = CliRun.of("train", "--schedule", "warmup", "--optimizer", "lion");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown schedule 'warmup' for --schedule; choose one of: constant, cosine, "
                + "plateau, step"), unknown.err());
        assertTrue(unknown.err().contains("unknown optimizer 'lion'") && unknown.err().contains("--plugin-path"),
                unknown.err());
    }
}
