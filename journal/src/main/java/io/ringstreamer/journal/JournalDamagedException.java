package io.ringstreamer.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A journal is damaged: a record whose checksum does not match, a record or data file cut short, a
 * data file that is not a journal's. Says where: the data file and the record, counted from 0 in the
 * journal (every record before it was whole and verified, and has been read).
 */
public final class JournalDamagedException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long record;

    JournalDamagedException(final Path file, final long record, final String problem, final Throwable cause)
    {
        super("damaged journal: record " + record + " in " + file + ": " + problem, cause);
        this.file = file;
        this.record = record;
    }

    /** The data file holding the damaged record (the journal's folder if the file is unknown). */
    public Path file()
    {
        return file;
    }

    /** The damaged record's number, from 0: how many whole records precede it. */
    public long record()
    {
        return record;
    }
}
