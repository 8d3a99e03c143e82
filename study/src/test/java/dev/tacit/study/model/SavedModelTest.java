package dev.tacit.study.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tacit.data.format.FileFormatException;
import dev.tacit.data.format.NpyArray;
import dev.tacit.data.format.Npz;
import dev.tacit.data.movielens.SplitSpec;
import dev.tacit.data.ratings.RatingFile;
import dev.tacit.data.ratings.RatingsReader;
import dev.tacit.data.testkit.Python;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.models.ModelKind;
import dev.tacit.optim.models.Scaling;
import dev.tacit.study.Protocol;
import dev.tacit.study.RatingConfig;
import dev.tacit.study.RatingExperiment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A saved model is the model that was trained: saved and loaded, it predicts bit for bit the same, NumPy reproduces
 * its predictions from the arrays alone, and a damaged, foreign or newer file is refused with a reason.
 */
class SavedModelTest {

    @TempDir
    static Path dir;

    static RatingFile data;

    /** 40 users with string ids each rate 12 of 30 items, on a 1..5 scale with a little structure. */
    @BeforeAll
    static void ratings() throws IOException {
        SplittableRandom rng = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("userId,movieId,rating\n");
        for (int u = 0; u < 40; u++) {
            double taste = rng.nextGaussian();
            boolean[] taken = new boolean[30];
            for (int k = 0; k < 12; k++) {
                int i;
                do {
                    i = rng.nextInt(30);
                } while (taken[i]);
                taken[i] = true;
                long r = Math.max(1, Math.min(5, Math.round(3 + taste * (i % 3 - 1) + rng.nextGaussian() * 0.5)));
                csv.append("user-").append(u).append(",film ").append(i).append(',').append(r).append('\n');
            }
        }
        Path file = dir.resolve("ratings.csv");
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
        data = RatingFile.of(RatingsReader.read(file));
    }

    static SavedModel fit(ModelKind kind) {
        RatingConfig c = new RatingConfig(kind, kind == ModelKind.LNN ? 2 : 1, 1e-2, 0, 4, "adam", 1e-2, Map.of(),
                "ratio", Map.of(), 1e-3, 1e-3, 1e-3, List.of(), new SplitSpec.All(), 0.1, 3, 2, 20, 10, 32,
                kind == ModelKind.LNN ? Scaling.Kind.BIASES : Scaling.Kind.CENTER, Protocol.HONEST, 5, dev.tacit.optim.models.EmbeddingStep.AUTO, 0);
        RatingExperiment.Outcome o = RatingExperiment.run(data, c, Catalog.builtIn(), e -> { }, () -> false);
        return SavedModel.of(kind, o.model(), o.chosenCandidate().result().selection().params(), o.scaling(), data,
                o.seen(), null, Map.of("metrics", Map.of("train_rmse", o.scored().trainRmse())));
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void aLoadedModelPredictsAndRecommendsBitForBitAsTheTrainedOne(ModelKind kind) throws IOException {
        SavedModel trained = fit(kind);
        Path file = dir.resolve(kind + ".npz");
        trained.save(file, "test");
        SavedModel loaded = SavedModel.load(file);
        assertEquals(trained.users(), loaded.users());
        for (int u = 0; u < trained.users(); u++) {
            assertEquals(trained.userId(u), loaded.userId(u));
            for (int i = 0; i < trained.items(); i++) {
                assertEquals(Double.doubleToRawLongBits(trained.predict(u, i)),
                        Double.doubleToRawLongBits(loaded.predict(u, i)), "prediction (" + u + ", " + i + ")");
            }
            assertEquals(trained.recommend(u, 5, false), loaded.recommend(u, 5, false));
        }
        assertEquals(trained.predict("nobody", "film 3", SavedModel.Unknown.BASELINE),
                loaded.predict("nobody", "film 3", SavedModel.Unknown.BASELINE));
    }

    @Test
    void recommendationsSkipSeenItemsAndBreakTiesByItemOrder() {
        SavedModel m = fit(ModelKind.EMBEDDING);
        for (int u = 0; u < m.users(); u++) {
            List<SavedModel.Recommendation> top = m.recommend(u, 30, false);
            assertEquals(30 - m.seen(u).length, top.size(), "every unseen item, once");
            for (SavedModel.Recommendation r : top) {
                assertTrue(java.util.Arrays.binarySearch(m.seen(u), r.index()) < 0, "a seen item is not offered");
            }
            for (int k = 1; k < top.size(); k++) {
                SavedModel.Recommendation a = top.get(k - 1);
                SavedModel.Recommendation b = top.get(k);
                assertTrue(a.score() > b.score() || (a.score() == b.score() && a.index() < b.index()), "ordered");
            }
        }
        assertEquals(m.recommend(0, 3, true), m.recommend(0, 30, true).subList(0, 3), "the top 3 head the top 30");
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void numpyReproducesAThousandPredictionsFromTheArraysAlone(ModelKind kind) throws IOException {
        assumeTrue(Python.has("numpy"), "python3 with NumPy is not available: skipped");
        SavedModel m = fit(kind);
        Path file = dir.resolve("numpy-" + kind + ".npz");
        m.save(file, "test");
        StringBuilder pairs = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        SplittableRandom rng = new SplittableRandom(11);
        for (int k = 0; k < 1000; k++) {
            int u = rng.nextInt(m.users());
            int i = rng.nextInt(m.items());
            pairs.append(m.userId(u)).append('\t').append(m.itemId(i)).append('\n');
            expected.append(m.predict(u, i)).append('\n');
        }
        Path pairsFile = Files.writeString(dir.resolve("pairs-" + kind + ".tsv"), pairs.toString());
        // The three lines of docs/model-format.md, then the lookup of ids.
        String out = Python.run(String.join("\n",
                "import sys, json, numpy as np",
                "m = np.load(sys.argv[1], allow_pickle=False); meta = json.loads(m['metadata.json'])",
                "s = meta['scaling']; lo, hi = meta['rating_range']",
                "if meta['kind'] == 'embedding':",
                "    core = m['P'] @ m['Q'].T + m['user_bias'][:, None] + m['item_bias'][None, :]",
                "else:",
                "    core = m['layer_1']",
                "    for k in range(2, meta['depth'] + 1): core = core @ m['layer_%d' % k]",
                "su = m['scaling_user'] if m['scaling_user'].size else np.zeros(core.shape[0])",
                "si = m['scaling_item'] if m['scaling_item'].size else np.zeros(core.shape[1])",
                "pred = np.clip(core * s['scale'] + s['shift'] + su[:, None] + si[None, :], lo, hi)",
                "users = {u: k for k, u in enumerate(m['user_ids'])}; items = {i: k for k, i in "
                        + "enumerate(m['item_ids'])}",
                "for line in open(sys.argv[2], encoding='utf-8'):",
                "    u, i = line.rstrip('\\n').split('\\t'); print(repr(float(pred[users[u], items[i]])))"),
                file, pairsFile);
        List<String> got = out.lines().toList();
        List<String> want = expected.toString().lines().toList();
        assertEquals(1000, got.size());
        for (int k = 0; k < 1000; k++) {
            double g = Double.parseDouble(got.get(k));
            double w = Double.parseDouble(want.get(k));
            assertTrue(Math.abs(g - w) <= 1e-12, "prediction " + k + ": NumPy " + g + ", Tacit " + w);
        }
    }

    @Test
    void damagedForeignAndNewerFilesAreRefusedWithTheReason() throws IOException {
        SavedModel m = fit(ModelKind.EMBEDDING);
        Path good = dir.resolve("good.npz");
        m.save(good, "test");
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = Files.write(dir.resolve("truncated.npz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(FileFormatException.class, () -> SavedModel.load(truncated));

        Path foreign = dir.resolve("foreign.npz");
        Npz.builder().put("W", NpyArray.vector(new double[] {1, 2})).write(foreign);
        assertTrue(assertThrows(FileFormatException.class, () -> SavedModel.load(foreign)).getMessage()
                .contains("not a model written by 'tacit fit'"));

        Npz.Archive a = Npz.read(good);
        String meta = new String(a.file(SavedModel.METADATA).orElseThrow(), StandardCharsets.UTF_8);
        Npz.Builder newer = Npz.builder();
        for (String name : a.arrayNames()) {
            newer.put(name, a.array(name));
        }
        newer.putFile(SavedModel.METADATA, meta.replace("\"format_version\":1", "\"format_version\":9")
                .getBytes(StandardCharsets.UTF_8));
        Path newerFile = dir.resolve("newer.npz");
        newer.write(newerFile);
        assertTrue(assertThrows(FileFormatException.class, () -> SavedModel.load(newerFile)).getMessage()
                .contains("model format version 9 is newer"));

        Npz.Builder tampered = Npz.builder();
        for (String name : a.arrayNames()) {
            tampered.put(name, name.equals("P") ? NpyArray.of(a.array("P").toMatrix().scale(2)) : a.array(name));
        }
        tampered.putFile(SavedModel.METADATA, meta.getBytes(StandardCharsets.UTF_8));
        Path tamperedFile = dir.resolve("tampered.npz");
        tampered.write(tamperedFile);
        assertTrue(assertThrows(FileFormatException.class, () -> SavedModel.load(tamperedFile)).getMessage()
                .contains("array 'P' does not match its checksum"));
    }
}
