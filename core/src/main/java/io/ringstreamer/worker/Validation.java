package io.ringstreamer.worker;

/**
 * How strictly components treat an entry that can be read but fails a sanity check (a bar with
 * {@code high < low}, a price ten times the last, a bar older than the last one, ...).
 */
public enum Validation
{
    /** Reject the entry alone with an {@code InvalidEntry} error (the default). */
    REJECT,
    /**
     * Accept it: publish its result and a {@code FlaggedEntry} error naming the problem, so the
     * application decides. An entry that cannot be read at all (a missing or mistyped field) is still
     * rejected.
     */
    FLAG
}
