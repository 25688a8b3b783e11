package io.ringstreamer.result;

/**
 * What went wrong. Each kind has a short label used when printing.
 */
public enum ErrorKind
{
    /** The streamer's connection failed or its data ran out ({@link java.io.IOException}); the stream ends. */
    CONNECTION_ERROR("ConnectionError"),
    /** The streamer failed with anything other than an I/O error; the stream ends. */
    STREAMER_FAILURE("StreamerFailure"),
    /** A message could not be parsed or is not a canonical envelope; it was rejected whole. */
    MALFORMED_MESSAGE("MalformedMessage"),
    /** A message was larger than the configured maximum; it was rejected whole. */
    MESSAGE_TOO_LARGE("MessageTooLarge"),
    /** One symbol's entry failed validation; it was rejected alone, the message's other entries were used. */
    INVALID_ENTRY("InvalidEntry"),
    /**
     * An entry failed a sanity check but was accepted, because the pipeline validates with
     * {@code Validation.FLAG}: its result follows this error.
     */
    FLAGGED_ENTRY("FlaggedEntry"),
    /** A component threw while processing a symbol's entry; the symbol goes on with the next message. */
    COMPONENT_FAILURE("ComponentFailure"),
    /** A component failed too often and is no longer called for its symbol (see {@code quarantineAfter}). */
    COMPONENT_QUARANTINED("ComponentQuarantined"),
    /** The inbound ring was full and the overflow policy dropped messages: one error per gap, with the count. */
    MESSAGES_DROPPED("MessagesDropped"),
    /**
     * The connection dropped or went silent and the streamer will reconnect (a {@code Reconnecting}
     * status follows); the stream goes on.
     */
    CONNECTION_LOST("ConnectionLost"),
    /** The source reported an error ({@link ErrorView#code()} and message as the server sent them); the stream goes on. */
    PROTOCOL_ERROR("ProtocolError"),
    /**
     * The pipeline's journal ({@code Pipeline.Builder.journal}) failed to start, to record a message or
     * to finish; processing goes on. A run of failures is reported by its first and one summary.
     */
    JOURNAL_FAILURE("JournalFailure");

    private final String label;

    ErrorKind(final String label)
    {
        this.label = label;
    }

    /** The short printed name, for example {@code ConnectionError}. */
    public String label()
    {
        return label;
    }
}
