/**
 * Ratings files of any origin: delimited text (comma, tab, {@code ::}, semicolon, {@code |}, whitespace), with or
 * without a header, gzip-compressed or not, read by {@link dev.tacit.data.ratings.RatingsReader} into
 * {@link dev.tacit.data.ratings.Ratings}: the ids of users and items as {@link dev.tacit.data.ratings.IdTable}s and
 * the ratings as {@link dev.tacit.algebra.Entries} of the users×items matrix. What is not given in
 * {@link dev.tacit.data.ratings.RatingsOptions} is detected. Also {@link dev.tacit.data.ratings.ItemTitles}, the
 * titles of the items for showing recommendations.
 *
 * <p>Problems with a file's content are {@link dev.tacit.data.format.FileFormatException}s naming the file, line and
 * column.
 */
package dev.tacit.data.ratings;
