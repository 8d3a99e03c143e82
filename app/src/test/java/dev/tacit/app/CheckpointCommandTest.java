package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.optim.training.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --checkpoint}, {@code --resume}: N + M resumed iterations give the parameters of N + M in one go. */
class CheckpointCommandTest {

    /** A small run that exercises every kind of state: two factors, Adam's moments, a spectral penalty, a schedule. */
    static final List<String> RUN = List.of("--size", "14x11", "--rank", "2", "--observed", "70", "--depth", "2",
            "--optimizer", "adam", "--lr", "0.01", "--schedule", "plateau", "--schedule-opt", "patience=3",
            "--eval-every", "7", "--quiet", "--json");

    @TempDir
    Path dir;

    static String[] train(List<String> extra) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(RUN);
        args.addAll(extra);
        return args.toArray(String[]::new);
    }

    /** The exact penalty, and the opt-in reuse of its polar factor with a checkpoint in the middle of a cycle. */
    @ParameterizedTest
    @ValueSource(strings = {"refresh=1", "refresh=3"})
    void aResumedRunEndsWithExactlyTheParametersOfAnUninterruptedOne(String penaltySetting) throws Exception {
        Path once = dir.resolve("once");
        Path split = dir.resolve("split");
        CliRun whole = CliRun.of(train(List.of("--iterations", "60", "--checkpoint", once.toString(),
                "--penalty-opt", penaltySetting)));
        assertEquals(0, whole.code(), whole.err());
        CliRun first = CliRun.of(train(List.of("--iterations", "25", "--checkpoint", split.toString(),
                "--checkpoint-every", "10", "--penalty-opt", penaltySetting)));
        assertEquals(0, first.code(), first.err());
        assertEquals(25, Checkpoint.read(split.resolve(TrainCommand.CHECKPOINT_FILE)).progress().iteration());
        CliRun rest = CliRun.of("train", "--resume", split.toString(), "--iterations", "60", "--quiet", "--json");
        assertEquals(0, rest.code(), rest.err());

        Checkpoint a = Checkpoint.read(once.resolve(TrainCommand.CHECKPOINT_FILE));
        Checkpoint b = Checkpoint.read(split.resolve(TrainCommand.CHECKPOINT_FILE));
        assertEquals(60, b.progress().iteration());
        assertEquals(a.progress().params(), b.progress().params(), "bit for bit (Matrix.equals is exact)");
        assertEquals(a.progress().optimizerState().entries(), b.progress().optimizerState().entries());
        assertEquals(a.progress().scheduleState(), b.progress().scheduleState());
        assertEquals(a.progress().objectiveState(), b.progress().objectiveState(), "the penalty's memory too");
        assertEquals(whole.number("test_rmse"), rest.number("test_rmse"), 0.0);
        assertTrue(Files.readString(split.resolve(TrainCommand.RESULT_FILE)).contains("\"test_rmse\""));
        // The extended plan is recorded: resuming again without --iterations says the run is complete.
        CliRun again = CliRun.of("train", "--resume", split.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("is at iteration 60 of 60; give --iterations above 60"), again.err());
    }

    @Test
    void resumeMistakesAreUsageErrors() throws Exception {
        Path d = dir.resolve("run");
        assertEquals(0, CliRun.of(train(List.of("--iterations", "10", "--checkpoint", d.toString()))).code());
        CliRun clash = CliRun.of(train(List.of("--iterations", "10", "--checkpoint", d.toString())));
        assertEquals(2, clash.code());
        assertTrue(clash.err().contains("already holds a run's checkpoint; continue it with --resume"), clash.err());
        CliRun changed = CliRun.of("train", "--resume", d.toString(), "--lr", "0.5", "--rank", "3");
        assertEquals(2, changed.code());
        assertTrue(changed.err().contains("drop --rank, --lr") || changed.err().contains("drop --lr, --rank"),
                changed.err());
        CliRun missing = CliRun.of("train", "--resume", dir.resolve("nowhere").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file") && missing.err().contains("--resume"), missing.err());
        Files.writeString(d.resolve(TrainCommand.CHECKPOINT_FILE), "this file is not a checkpoint at all");
        CliRun corrupt = CliRun.of("train", "--resume", d.toString(), "--iterations", "20");
        assertEquals(2, corrupt.code());
        assertTrue(corrupt.err().contains("not a Tacit checkpoint"), corrupt.err());
    }
}
