package dev.tacit.api;

import dev.tacit.algebra.Matrix;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The memory an optimizer, penalty, schedule or objective carries from one step to the next (moment estimates, a step
 * counter, a warm-start basis, an epoch's order), as an immutable value: a step count and named, typed entries.
 *
 * <p>An entry is a list of matrices, a real number, a whole-number count, a list of indices, or the whole state of a
 * part (a penalty
 * inside an objective, say), so nothing is encoded in key prefixes and no count is stored as a double. One generic
 * shape for every service's state means any run, including one using a plugin optimizer, can be checkpointed and
 * resumed bit for bit without knowing the service. Names are sorted so serialised states are stable.
 *
 * @param step    steps taken so far
 * @param entries the named entries
 */
public record State(long step, SortedMap<String, Entry> entries) {

    /** No memory at step 0. */
    public static final State EMPTY = new State(0, new TreeMap<>());

    /** One named part of a state. */
    public sealed interface Entry permits Tensors, Scalar, Count, Indices, Nested {
    }

    /**
     * Matrices, for example one moment estimate per parameter.
     *
     * @param values the matrices
     */
    public record Tensors(List<Matrix> values) implements Entry {
        /** Copies the list. */
        public Tensors {
            values = List.copyOf(values);
        }
    }

    /**
     * A real number, exact to the bit.
     *
     * @param value the number (any double, NaN and infinities included)
     */
    public record Scalar(double value) implements Entry {
    }

    /**
     * A whole number: a counter, a position, an index.
     *
     * @param value the number
     */
    public record Count(long value) implements Entry {
    }

    /**
     * Whole numbers in order, for example an epoch's permutation of the training entries.
     *
     * @param values the numbers; copied in and out
     */
    public record Indices(int[] values) implements Entry {
        /** Copies the array. */
        public Indices {
            values = values.clone();
        }

        /** @return a copy of the numbers */
        @Override
        public int[] values() {
            return values.clone();
        }

        /**
         * @param k a position
         * @return the number there, without copying the array
         */
        public int get(int k) {
            return values[k];
        }

        /** @return how many numbers */
        public int size() {
            return values.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Indices other && Arrays.equals(values, other.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Indices[" + values.length + "]";
        }
    }

    /**
     * The state of a part, kept whole under one name.
     *
     * @param state the part's state
     */
    public record Nested(State state) implements Entry {
    }

    /** Copies the entries into an unmodifiable sorted map. */
    public State {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /**
     * @param name an entry's name
     * @return whether this state has it
     */
    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /**
     * @param name a tensor list name
     * @return the list
     * @throws NoSuchElementException if this state has no such list
     */
    public List<Matrix> tensors(String name) {
        return entry(name, Tensors.class).values();
    }

    /**
     * @param name a scalar name
     * @return its value
     * @throws NoSuchElementException if this state has no such scalar
     */
    public double scalar(String name) {
        return entry(name, Scalar.class).value();
    }

    /**
     * @param name     a scalar name
     * @param fallback the value of a scalar not yet set (its initial value)
     * @return its value, or the fallback
     */
    public double scalarOr(String name, double fallback) {
        return has(name) ? scalar(name) : fallback;
    }

    /**
     * @param name a count name
     * @return its value
     * @throws NoSuchElementException if this state has no such count
     */
    public long count(String name) {
        return entry(name, Count.class).value();
    }

    /**
     * @param name     a count name
     * @param fallback the value of a count not yet set
     * @return its value, or the fallback
     */
    public long countOr(String name, long fallback) {
        return has(name) ? count(name) : fallback;
    }

    /**
     * @param name an index list's name
     * @return the list
     * @throws NoSuchElementException if this state has no such list
     */
    public Indices indices(String name) {
        return entry(name, Indices.class);
    }

    /**
     * @param name a part's name
     * @return its state
     * @throws NoSuchElementException if this state has no such part
     */
    public State nested(String name) {
        return entry(name, Nested.class).state();
    }

    private <E extends Entry> E entry(String name, Class<E> type) {
        Entry e = entries.get(name);
        if (!type.isInstance(e)) {
            throw new NoSuchElementException("state has no " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT)
                    + " entry named '" + name + "' (has " + entries.keySet() + ")");
        }
        return type.cast(e);
    }

    /**
     * @param newStep the step count
     * @return a copy with that step count
     */
    public State withStep(long newStep) {
        return new State(newStep, entries);
    }

    /**
     * @param name   a tensor list name
     * @param values its new value
     * @return a copy with that list set
     */
    public State withTensors(String name, List<Matrix> values) {
        return with(name, new Tensors(values));
    }

    /**
     * @param name  a scalar name
     * @param value its new value
     * @return a copy with that scalar set
     */
    public State withScalar(String name, double value) {
        return with(name, new Scalar(value));
    }

    /**
     * @param name  a count name
     * @param value its new value
     * @return a copy with that count set
     */
    public State withCount(String name, long value) {
        return with(name, new Count(value));
    }

    /**
     * @param name   an index list's name
     * @param values its numbers
     * @return a copy with that list set
     */
    public State withIndices(String name, int[] values) {
        return with(name, new Indices(values));
    }

    /**
     * @param name  a part's name
     * @param state its state
     * @return a copy with that part set
     */
    public State withNested(String name, State state) {
        return with(name, new Nested(state));
    }

    /**
     * @param name  an entry's name
     * @param entry its new value
     * @return a copy with that entry set
     */
    public State with(String name, Entry entry) {
        TreeMap<String, Entry> e = new TreeMap<>(entries);
        e.put(name, entry);
        return new State(step, e);
    }
}
