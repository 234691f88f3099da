package dev.tollgate.auth.outbox;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Wakes an outbox's senders once what was queued is visible to them. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code wakeUp} after the caller's transaction commits (not at all if it rolls back), or now without one. */
    public static void run(Runnable wakeUp) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeUp.run();
                }
            });
        }
        else {
            wakeUp.run();
        }
    }
}
