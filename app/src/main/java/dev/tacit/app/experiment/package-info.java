/**
 * Experiments: a grid of runs described in an editable file, expanded, run on every core, stored one result file per
 * run (atomically, so an interrupted sweep loses nothing and resumes where it stopped), then summarised into CSV,
 * Markdown and charts.
 */
package dev.tacit.app.experiment;
