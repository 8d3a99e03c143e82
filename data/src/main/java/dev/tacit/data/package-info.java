/**
 * Sources of {@link dev.tacit.api.CompletionProblem}s. Everything random takes an explicit seed.
 */
package dev.tacit.data;
