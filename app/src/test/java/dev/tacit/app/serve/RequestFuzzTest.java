package dev.tacit.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.app.ServeModels;
import dev.tacit.data.io.Json;
import dev.tacit.study.model.SavedModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the request bodies: 600 bodies, each malformed by construction (truncated, a control character or
 * a broken UTF-8 sequence inserted, a member of the wrong type or out of range, an unknown or repeated member, deep
 * nesting, random bytes, a batch over the limit), sent over kept-alive connections. Every one gets a 4xx with a JSON
 * message, no connection is dropped, and the server answers correctly afterwards.
 */
class RequestFuzzTest {

    private static final int CASES = 600;

    @Test
    void malformedBodiesGet4xxAndTheServerLivesOn() throws IOException {
        SavedModel model = SavedModel.load(ServeModels.model());
        try (ModelServer server = ModelServer.start(model, ModelServerTest.settings(), e -> {
            throw new AssertionError("internal error", e);
        })) {
            Http http = new Http(server.url());
            SplittableRandom random = new SplittableRandom(15);
            int[] byKind = new int[Mutation.values().length];
            for (int k = 0; k < CASES; k++) {
                boolean predict = random.nextBoolean();
                Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
                byKind[mutation.ordinal()]++;
                byte[] body = mutation.apply(predict, random);
                String path = predict ? "/predict" : "/recommend";
                Http.Reply r = http.post(path, body);
                String text = new String(body, StandardCharsets.UTF_8);
                String shown = "case " + k + " (" + mutation + ") " + path + " "
                        + text.substring(0, Math.min(text.length(), 200));
                assertTrue(r.status() >= 400 && r.status() < 500, shown + " -> " + r.status() + " " + r.body());
                Map<String, Object> json = r.json();
                assertEquals((double) r.status(), json.get("status"), shown);
                assertFalse(((String) json.get("error")).isBlank(), shown);
            }
            for (int n : byKind) {
                assertTrue(n > 20, "every kind of mutation is exercised");
            }
            // Alive, and still right.
            Http.Reply after = http.post("/predict", "{\"pairs\":[{\"user\":\"" + model.userId(2) + "\",\"item\":\""
                    + model.itemId(5) + "\"}]}");
            assertEquals(200, after.status());
            Map<?, ?> p = (Map<?, ?>) ((List<?>) after.json().get("predictions")).get(0);
            assertEquals(model.predict(2, 5), p.get("prediction"));
            assertFalse(http.get("/metrics").body().contains("status=\"5"), "no 5xx was ever answered");
        }
    }

    /** Ways to break a valid body; each gives a body no endpoint may accept. */
    enum Mutation {
        /** A proper prefix of a valid body (which never ends in white space). */
        TRUNCATED {
            @Override
            byte[] apply(boolean predict, SplittableRandom r) {
                String valid = valid(predict, r);
                return utf8(valid.substring(0, r.nextInt(valid.length())));
            }
        },
        /** A control character other than white space, anywhere: invalid inside and outside strings. */
        CONTROL_CHARACTER {
            @Override
            byte[] apply(boolean predict, SplittableRandom r) {
                String valid = valid(predict, r);
                int at = r.nextInt(valid.length() + 1);
                char c = "\u0000\u0001\u0002\u0007\u0008\u000b\u000c\u000e\u001b\u001f".charAt(r.nextInt(10));
                return utf8(valid.substring(0, at) + c + valid.substring(at));
            }
        },
        /** A byte sequence that is not UTF-8. */
        BROKEN_UTF8 {
            @Override
            byte[] apply(boolean predict, SplittableRandom r) {
                byte[] valid = utf8(valid(predict, r));
                int at = r.nextInt(valid.length + 1);
                byte[][] broken = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
                byte[] bad = broken[r.nextInt(broken.length)];
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(valid, 0, at);
                out.write(bad, 0, bad.length);
                out.write(valid, at, valid.length - at);
                return out.toByteArray();
            }
        },
        /** A member replaced by a value of the wrong type or out of range. */
        WRONG_VALUE {
            @Override
            byte[] apply(boolean predict, SplittableRandom r) {
                Object[] wrongId = {1.0, -3.5, null, true, List.of(), Map.of(), 1e300};
                Object[] wrongPairs = {1.0, null, true, Map.of(), "x"};
                Map<String, Object> body = predict ? predictBody(r) : recommendBody(r);
                if (predict) {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> pairs = (List<Map<String, Object>>) body.get("pairs");
                    switch (r.nextInt(3)) {
                        case 0 -> body.put("pairs", pick(r, wrongPairs));
                        case 1 -> body.put("unknown", pick(r, new Object[] {"guess", 1.0, null, "BASELINE"}));
                        default -> {
                            Map<String, Object> pair = new LinkedHashMap<>(pairs.get(0));
                            pair.put(r.nextBoolean() ? "user" : "item", pick(r, wrongId));
                            List<Object> copy = new ArrayList<>(pairs);
                            copy.set(0, pair);
                            body.put("pairs", copy);
                        }
                    }
                } else {
                    switch (r.nextInt(4)) {
                        case 0 -> body.put("user", pick(r, wrongId));
                        case 1 -> body.put("top", pick(r, new Object[] {0.0, -1.0, 2.5, 1e9, "3", null, true,
                            Double.valueOf(ModelServerTest.MAX_TOP + 1)}));
                        case 2 -> body.put("include_seen", pick(r, new Object[] {1.0, "true", null, List.of()}));
                        default -> body.put("unknown", pick(r, new Object[] {"skip", "mean", 0.0, null}));
                    }
                }
                return utf8(Json.write(body));
            }
        },
        /** A member the endpoint does not read, or a missing one. */
        WRONG_MEMBERS {
            @Override
            byte[] apply(boolean predict, SplittableRandom r) {
                Map<String, Object> body = predict ? predictBody(r) : recommendBody(r);
                if (r.nextBoolean()) {
                    body.put(pick(r, new Object[] {"pair", "users", "Top", "include-seen", "x", ""}).toString(),
                            1.0);
                } else {
                    body.remove(predict ? "pairs" : "user");
                }
                return utf8(Json.write(body));
            }
        },
        /** The same member twice. */
        REPEATED_MEMBER {
            @Override
            byte[] apply(boolean predict, SplittableRandom r) {
                String valid = valid(predict, r);
                String member = predict ? "\"pairs\":[]," : "\"user\":\"1\",";
                return utf8("{" + member + valid.substring(1));
            }
        },
        /** Arrays or objects nested hundreds to thousands of levels deep. */
        DEEP {
            @Override
            byte[] apply(boolean predict, SplittableRandom r) {
                int depth = 100 + r.nextInt(20_000);
                boolean objects = r.nextBoolean();
                String open = objects ? "{\"a\":" : "[";
                String close = objects ? "}" : "]";
                return utf8((predict ? "{\"pairs\":" : "{\"user\":") + open.repeat(depth) + "0" + close.repeat(depth)
                        + "}");
            }
        },
        /** Random bytes. */
        NOISE {
            @Override
            byte[] apply(boolean predict, SplittableRandom r) {
                byte[] b = new byte[1 + r.nextInt(64)];
                r.nextBytes(b);
                return b;
            }
        },
        /** A batch one pair over the limit, or a body over the size limit. */
        TOO_LARGE {
            @Override
            byte[] apply(boolean predict, SplittableRandom r) {
                if (predict && r.nextBoolean()) {
                    List<Object> pairs = new ArrayList<>();
                    for (int k = 0; k <= ModelServerTest.MAX_PAIRS; k++) {
                        pairs.add(Map.of("user", "1", "item", "3"));
                    }
                    return utf8(Json.write(Map.of("pairs", pairs)));
                }
                String valid = valid(predict, r);
                return utf8(valid + " ".repeat(ModelServerTest.MAX_BODY + 1 - valid.length() + r.nextInt(1000)));
            }
        };

        abstract byte[] apply(boolean predict, SplittableRandom r);

        static String valid(boolean predict, SplittableRandom r) {
            return Json.write(predict ? predictBody(r) : recommendBody(r));
        }

        static Map<String, Object> predictBody(SplittableRandom r) {
            List<Object> pairs = new ArrayList<>();
            int n = 1 + r.nextInt(4);
            for (int k = 0; k < n; k++) {
                Map<String, Object> pair = new LinkedHashMap<>();
                pair.put("user", Integer.toString(1 + 2 * r.nextInt(60)));
                pair.put("item", Integer.toString(3 * (1 + r.nextInt(80))));
                pairs.add(pair);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("pairs", pairs);
            if (r.nextBoolean()) {
                body.put("unknown", "mean");
            }
            return body;
        }

        static Map<String, Object> recommendBody(SplittableRandom r) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("user", Integer.toString(1 + 2 * r.nextInt(60)));
            body.put("top", (double) (1 + r.nextInt(20)));
            if (r.nextBoolean()) {
                body.put("include_seen", r.nextBoolean());
            }
            return body;
        }

        static Object pick(SplittableRandom r, Object[] values) {
            return values[r.nextInt(values.length)];
        }

        static byte[] utf8(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }
}
