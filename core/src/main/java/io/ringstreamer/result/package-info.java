/**
 * Results: what the administrator hands to the user's {@link io.ringstreamer.result.ResultListener}.
 *
 * <p>Results arrive as views ({@link io.ringstreamer.result.BarView},
 * {@link io.ringstreamer.result.ErrorView}) over preallocated slots of the results ring: zero-copy and
 * valid only during the callback. Call {@code toBar()} or {@code toError()} to keep an immutable copy.
 */
package io.ringstreamer.result;
