/**
 * The picocli commands of {@code tacit} and their console and JSON output.
 */
package dev.tacit.app;
