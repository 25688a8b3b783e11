package io.ringstreamer.worker;

import io.ringstreamer.format.EntryView;
import io.ringstreamer.result.ErrorKind;

/**
 * The {@code CHART_EQUITY} component: reads one completed 1-minute bar, validates it and publishes it.
 *
 * <p>Required fields: {@code open}, {@code high}, {@code low}, {@code close} (numbers),
 * {@code volume} and {@code datetime} (whole numbers). A bar is rejected (alone) if a field is missing
 * or of the wrong type, or if its start cannot be right: before 1990, more than 5 minutes after its
 * message's timestamp while more than an hour after the symbol's last bar, or more than a day ahead of the wall clock while more than a week after the
 * symbol's last bar (so one bar stamped years ahead does
 * not make every later bar of the symbol "out of order"). It fails a sanity check if a price is not a positive finite number, if the
 * volume is negative or above 10^12, if {@code low <= open, close <= high} does not hold, if it does
 * not start after the symbol's last accepted bar ("duplicate bar" for the same start, "bar out of
 * order" for an earlier one: a feed that replays or reorders), or if its close is more than ten times,
 * or under a tenth of, the symbol's last close. Under {@link Validation#REJECT}
 * (the default) such a bar is rejected; under {@link Validation#FLAG} it is published after a
 * {@code FlaggedEntry} error. Unknown fields are ignored. {@link NMinuteBars} reads bars by the same
 * rules (one shared routine) and skips the ones rejected here.
 */
public final class OneMinuteBars implements Component
{
    private final BarReader bar = new BarReader();

    /** One symbol's bar component, with no last bar yet; the pipeline makes one per symbol. */
    public OneMinuteBars()
    {
    }

    @Override
    public void onEntry(final EntryView entry, final ResultSink out)
    {
        final BarReader bar = this.bar;
        final String problem = bar.read(entry);
        if (problem != null)
        {
            if (bar.unusable || out.validation() == Validation.REJECT)
            {
                out.reject(ErrorKind.INVALID_ENTRY, problem);
                return;
            }
            out.flag(problem);
        }
        bar.accept();
        out.bar(bar.open, bar.high, bar.low, bar.close, bar.volume, bar.datetime);
    }
}
