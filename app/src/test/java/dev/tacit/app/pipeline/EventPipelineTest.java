package dev.tacit.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.api.TrainingEvent;
import dev.tacit.optim.training.DivergenceException;
import dev.tacit.optim.training.Trainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The back-pressure policy of the event pipeline, with real (small, seeded) training runs. */
class EventPipelineTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final List<ObserverFailure> reported = new CopyOnWriteArrayList<>();

    private EventPipeline pipeline(int buffer, Observer... observers) {
        return new EventPipeline(List.of(observers), new EventPipeline.Settings(buffer, LONG, LONG), reported::add);
    }

    /** Trains while recording exactly what the trainer published. */
    private static List<TrainingEvent> train(Trainer.Run run, Consumer<TrainingEvent> sink) {
        List<TrainingEvent> published = new ArrayList<>();
        Trainer.train(run, e -> {
            published.add(e);
            sink.accept(e);
        });
        return published;
    }

    private static List<TrainingEvent> trainInto(Trainer.Run run, EventPipeline pipeline) {
        List<TrainingEvent> published = new ArrayList<>();
        Consumer<TrainingEvent> tee = e -> {
            published.add(e);
            pipeline.accept(e);
        };
        Trainer.train(run, tee);
        return published;
    }

    private static void assertOrdered(List<TrainingEvent> events) {
        assertInstanceOf(TrainingEvent.RunStarted.class, events.get(0), "first event");
        long last = -1;
        for (TrainingEvent e : events) {
            assertTrue(e.iteration() >= last, "iterations never go back");
            last = e.iteration();
        }
        TrainingEvent end = events.get(events.size() - 1);
        assertTrue(end instanceof TrainingEvent.RunFinished || end instanceof TrainingEvent.RunFailed,
                "the final event comes last: " + end);
        assertEquals(1, events.stream().filter(e -> e instanceof TrainingEvent.RunFinished
                || e instanceof TrainingEvent.RunFailed).count(), "exactly one final event");
    }

    @Test
    void everyObserverGetsEveryEventInTheTrainersOrder() {
        Recorder log = new Recorder("log", Delivery.LOSSLESS);
        Recorder view = new Recorder("view", Delivery.LOSSY);
        EventPipeline pipeline = pipeline(1024, log, view);
        List<TrainingEvent> published = trainInto(Runs.synthetic(12, 60, "adam", 1e-2, 200, 50, 10), pipeline);
        pipeline.close();

        assertOrdered(published);
        assertEquals(1 + 20 + 4 + 1, published.size(), "start, 20 statistics, 4 evaluations, finish");
        assertEquals(published, log.events(), "lossless observer: everything, in order");
        assertEquals(published, view.events(), "lossy observer with room: everything, in order");
        for (String name : List.of("log", "view")) {
            assertEquals(published.size(), pipeline.published(name));
            assertEquals(published.size(), pipeline.delivered(name));
            assertEquals(0, pipeline.dropped(name));
        }
        assertTrue(log.closed() && view.closed(), "observers are closed after the last event");
        assertTrue(reported.isEmpty(), reported.toString());
        assertThrows(IllegalStateException.class, () -> pipeline.accept(published.get(0)), "closed");
    }

    @Test
    void aSlowObserverDoesNotSlowTrainingAndItsDropsAreCounted() {
        Trainer.Run run = Runs.synthetic(16, 100, "adam", 1e-2, 1500, 300, 1);
        train(run, e -> { });  // warm up the JIT so the two timed runs compare like with like
        long t0 = System.nanoTime();
        List<TrainingEvent> alone = train(run, e -> { });
        double baseline = (System.nanoTime() - t0) / 1e9;

        long sleep = 20;
        Recorder slow = new Recorder("slow", Delivery.LOSSY).sleeping(sleep);
        EventPipeline pipeline = pipeline(8, slow);
        long t1 = System.nanoTime();
        List<TrainingEvent> published = trainInto(run, pipeline);
        double withSlow = (System.nanoTime() - t1) / 1e9;
        pipeline.close();

        int events = published.size();
        assertEquals(alone.size(), events);
        double blocking = events * sleep / 1e3;
        assertTrue(withSlow < 2 * baseline + 0.5, String.format("training took %.3f s with a slow observer, %.3f s "
                + "alone (a blocking pipeline would need %.0f s)", withSlow, baseline, blocking));
        List<TrainingEvent> got = slow.events();
        assertTrue(pipeline.dropped("slow") > events / 2, "most events dropped: " + pipeline.dropped("slow"));
        assertEquals(events, pipeline.published("slow"));
        assertEquals(events, pipeline.delivered("slow") + pipeline.dropped("slow"), "every event delivered or counted");
        assertEquals(got.size(), pipeline.delivered("slow"));
        assertOrdered(got);
        assertSame(published.get(events - 1), got.get(got.size() - 1), "the final event arrives although the "
                + "buffer was full");
        assertTrue(reported.isEmpty(), reported.toString());
    }

    @Test
    void theFinalEventOfAFailedRunArrivesToo() {
        Recorder slow = new Recorder("slow", Delivery.LOSSY).sleeping(5);
        EventPipeline pipeline = pipeline(1, slow);
        List<TrainingEvent> published = new ArrayList<>();
        assertThrows(DivergenceException.class, () -> Trainer.train(
                Runs.synthetic(12, 60, "gd", 1e9, 500, 100, 1), e -> {
                    published.add(e);
                    pipeline.accept(e);
                }));
        pipeline.close();
        TrainingEvent last = published.get(published.size() - 1);
        assertInstanceOf(TrainingEvent.RunFailed.class, last);
        List<TrainingEvent> got = slow.events();
        assertSame(last, got.get(got.size() - 1));
    }

    @Test
    void aFailingObserverIsReportedAndTrainingAndTheOthersGoOn() {
        Recorder broken = new Recorder("broken", Delivery.LOSSY).failingAt(3);
        Recorder healthy = new Recorder("healthy", Delivery.LOSSLESS);
        EventPipeline pipeline = pipeline(1024, broken, healthy);
        Trainer.Run run = Runs.synthetic(12, 60, "adam", 1e-2, 200, 50, 10);
        // The observer throws on the fourth event, on its own thread; the run waits for that before going on, so
        // that what is offered afterwards does not depend on how fast the two threads happen to be.
        List<TrainingEvent> published = new ArrayList<>();
        Trainer.train(run, e -> {
            published.add(e);
            pipeline.accept(e);
            if (published.size() == 4) {
                awaitFailure(pipeline, "broken");
            }
        });
        pipeline.close();

        assertEquals(200, published.get(published.size() - 1).iteration(), "training ran to the end");
        assertEquals(published, healthy.events(), "the other observer got everything");
        assertEquals(1, reported.size(), "reported once: " + reported);
        ObserverFailure f = reported.get(0);
        assertEquals("broken", f.observer());
        assertEquals(Delivery.LOSSY, f.delivery());
        assertInstanceOf(IllegalStateException.class, f.cause());
        assertTrue(f.describe().contains("the broken observer stopped at iteration")
                && f.describe().contains("IllegalStateException: boom at event 3"), f.describe());
        assertEquals(reported, pipeline.failures());
        assertTrue(pipeline.failed("broken"));
        assertEquals(3, broken.events().size(), "the events before the failure");
        assertTrue(broken.closed(), "a detached observer is still closed");
        assertEquals(4, pipeline.published("broken"), "offered up to the event it failed on, none once detached");
    }

    private static void awaitFailure(EventPipeline pipeline, String observer) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!pipeline.failed(observer) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + observer + " to fail", e);
            }
        }
        assertTrue(pipeline.failed(observer), observer + " did not fail within 10 s");
    }

    @Test
    void aSlowLosslessObserverGetsEveryEvent() {
        Recorder log = new Recorder("log", Delivery.LOSSLESS).sleeping(1);
        EventPipeline pipeline = pipeline(2, log);
        List<TrainingEvent> published = trainInto(Runs.synthetic(12, 60, "adam", 1e-2, 300, 100, 1), pipeline);
        pipeline.close();
        assertEquals(published, log.events());
        assertEquals(0, pipeline.dropped("log"));
        assertTrue(reported.isEmpty(), reported.toString());
    }

    @Test
    void aStuckLosslessObserverIsDetachedAfterTheStallLimit() {
        CountDownLatch gate = new CountDownLatch(1);
        Recorder stuck = new Recorder("log", Delivery.LOSSLESS).blockedBy(gate);
        EventPipeline pipeline = new EventPipeline(List.of(stuck),
                new EventPipeline.Settings(2, Duration.ofMillis(200), LONG), reported::add);
        long t0 = System.nanoTime();
        List<TrainingEvent> published = trainInto(Runs.synthetic(12, 60, "adam", 1e-2, 100, 50, 1), pipeline);
        double seconds = (System.nanoTime() - t0) / 1e9;
        gate.countDown();
        pipeline.close();

        assertEquals(100, published.get(published.size() - 1).iteration(), "training ran to the end");
        assertTrue(seconds < 10, "training waited about the stall limit once, not for ever: " + seconds + " s");
        assertEquals(1, reported.size(), reported.toString());
        assertTrue(reported.get(0).message().startsWith("stalled"), reported.get(0).message());
        assertEquals(Delivery.LOSSLESS, reported.get(0).delivery());
        assertTrue(stuck.closed());
    }

    @Test
    void anObserverThatDoesNotFinishIsReportedAtClose() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        Recorder hung = new Recorder("hung", Delivery.LOSSY).blockedBy(never);
        EventPipeline pipeline = new EventPipeline(List.of(hung),
                new EventPipeline.Settings(4, LONG, Duration.ofMillis(200)), reported::add);
        trainInto(Runs.synthetic(10, 40, "adam", 1e-2, 20, 10, 5), pipeline);
        pipeline.close();
        assertEquals(1, reported.size(), reported.toString());
        assertTrue(reported.get(0).message().startsWith("did not finish within"), reported.get(0).message());
        Thread t = hung.thread();
        t.join(5000);
        assertTrue(!t.isAlive(), "the observer's thread is interrupted and ends");
    }

    @Test
    void observerNamesAreDistinct() {
        assertThrows(IllegalArgumentException.class, () -> pipeline(4, new Recorder("a", Delivery.LOSSY),
                new Recorder("a", Delivery.LOSSLESS)));
        assertThrows(IllegalArgumentException.class, () -> new EventPipeline.Settings(0, LONG, LONG));
    }
}
