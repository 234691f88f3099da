package dev.tollgate.auth.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs requests at the same moment, each on its own thread: every thread waits at a barrier until all are ready,
 * so the requests reach the server together, as an attacker replaying one credential in parallel sends them.
 */
public final class Concurrently {

    private Concurrently() {
    }

    /** Runs every task at once and answers their results in the order of {@code tasks}. */
    public static <T> List<T> run(List<? extends Callable<T>> tasks) {
        CyclicBarrier start = new CyclicBarrier(tasks.size());
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> running = new ArrayList<>();
            for (Callable<T> task : tasks) {
                running.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return task.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> result : running) {
                results.add(result.get(60, TimeUnit.SECONDS));
            }
            return results;
        }
        catch (ExecutionException failed) {
            throw new AssertionError("a parallel request failed", failed.getCause());
        }
        catch (Exception interrupted) {
            throw new AssertionError(interrupted);
        }
        finally {
            threads.shutdownNow();
        }
    }

    /** Runs {@code task} {@code times} times at once. */
    public static <T> List<T> times(int times, Callable<T> task) {
        List<Callable<T>> tasks = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            tasks.add(task);
        }
        return run(tasks);
    }
}
