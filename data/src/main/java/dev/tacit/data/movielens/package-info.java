/**
 * MovieLens-100K (Harper and Konstan, ACM TiiS 2015): a verified download into a local cache
 * ({@link dev.tacit.data.movielens.DatasetCache}), strict parsing of the release's files
 * ({@link dev.tacit.data.movielens.RatingsFile}, {@link dev.tacit.data.movielens.MovieLens100k}) and seeded splits
 * with a validation part carved from the training ratings ({@link dev.tacit.data.movielens.Split}).
 *
 * <p>The dataset's licence allows research use, requires citing Harper and Konstan and forbids redistribution: it is
 * never bundled with Tacit, only fetched by the user.
 */
package dev.tacit.data.movielens;
