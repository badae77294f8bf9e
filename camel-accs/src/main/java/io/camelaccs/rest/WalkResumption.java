package io.camelaccs.rest;

/**
 * Whether a fetchAll walk may hand out items, and what a walk picked up again after an interruption does: the rules
 * {@link PageIterator} and the parallel walk share (see PageIterator's class comment for why Camel needs them).
 * <ul>
 * <li>While the walker has given up (its exchange failed or stopped), nothing is handed out: the walk is
 * <em>interrupted</em>, and the items not taken stay for a resume.</li>
 * <li>A walk whose page could not be had is interrupted too, but resumes only after a walker that gave up (a streaming
 * split's drain): a walker that holds on took its items before routing any.</li>
 * <li>A resumed walk hands out the item taken last once more (at-least-once: the splitter reads one item ahead),
 * then goes on.</li>
 * <li>A walk that reached its end, walked in another delivery attempt, throws rather than yield nothing.</li>
 * </ul>
 * Used by the thread walking the items only.
 */
public final class WalkResumption {

    /** Why a walk stopped short. */
    private enum Interruption {
        /** A page could not be had: resumable once the split let go of the items (its drain saw GAVE_UP). */
        FAILED,
        /** The walker gave up (its exchange failed or stopped): the items not taken stay for a resume. */
        GAVE_UP
    }

    private final PageIterator.Walker walker;
    private final String walk;
    private Object lastTaken;
    private boolean handAgain;
    /** Why the walk stopped short since it last walked, or null: the next walk resumes, or cannot. */
    private Interruption interrupted;
    /** Every item was handed out, in {@link #completedIn}. */
    private boolean complete;
    private int completedIn;
    private long taken;

    /**
     * @param walker whoever walks the items
     * @param walk   what the walk is called in messages ("fetchAll", "fetchAll with parallelism")
     */
    public WalkResumption(PageIterator.Walker walker, String walk) {
        this.walker = walker;
        this.walk = walk;
    }

    /** Whether the walker has given up: then the walk is interrupted and nothing may be taken or fetched. */
    public boolean walkerGaveUp() {
        if (walker.hasGivenUp()) {
            interrupted = Interruption.GAVE_UP;
            return true;
        }
        return false;
    }

    /** A page could not be had (its exception goes to the walker). */
    public void pageFailed() {
        interrupted = Interruption.FAILED;
    }

    /** The walk was let go of before its end (Camel's splitter closes a Closeable body when a split ends). */
    public void closedEarly() {
        if (!complete && interrupted == null) {
            interrupted = Interruption.GAVE_UP;
        }
    }

    /**
     * Before anything is handed out: picks an interrupted walk up again, or throws where it cannot; the interruption
     * stays while the walk cannot go on, so each try fails.
     *
     * @param failedPage which page failed, for the message ("page 3", "a page")
     */
    public void resumeIfInterrupted(String failedPage) {
        if (interrupted == null) {
            return;
        }
        if (complete) {
            throw walkedAgain();
        }
        if (interrupted == Interruption.FAILED) {
            // a streaming split lets go of a failed body by draining it, which ends in GAVE_UP: this walker held on
            throw new IllegalStateException(walk + " cannot resume after " + failedPage + " of its search failed: the"
                                            + " items are walked again without the split having let go of them, and a"
                                            + " split without streaming() takes every item before it routes any, so the "
                                            + taken + " taken may never have been routed. Split a fetchAll body with"
                                            + " streaming(): a redelivery then resumes after the last item routed");
        }
        interrupted = null;
        handAgain = lastTaken != null;
    }

    /** Whether the next item is the one taken last, handed out again by a resume. */
    public boolean handsAgain() {
        return handAgain;
    }

    /** The item taken last, handed out again: once. */
    public Object takeAgain() {
        handAgain = false;
        return lastTaken;
    }

    /** An item was handed out. */
    public void took(Object item) {
        lastTaken = item;
        taken++;
    }

    /** How many items were handed out (items handed out again not counted). */
    public long taken() {
        return taken;
    }

    public boolean isComplete() {
        return complete;
    }

    /**
     * The walk has no item left: {@code false} for hasNext. Found again in another delivery attempt (a non-streaming
     * split holds every item from the start, so no drain tells of its failure: the redelivery counter does), it throws.
     */
    public boolean end() {
        if (!complete) {
            complete = true;
            completedIn = walker.attempt();
        } else if (walker.attempt() != completedIn) {
            throw walkedAgain();
        }
        return false;
    }

    private IllegalStateException walkedAgain() {
        return new IllegalStateException(walk + " handed out all " + taken + " items of its search already, and they"
                                         + " are walked again (Camel redelivers the split): which of them failed is not"
                                         + " known, and a walk cannot start over. Redeliver the accs call together with"
                                         + " its split instead (for example both in a direct: route whose caller"
                                         + " redelivers)");
    }

    /** ", complete", ", interrupted" or nothing, for toString. */
    public String state() {
        return complete ? ", complete" : interrupted != null ? ", interrupted" : "";
    }
}
