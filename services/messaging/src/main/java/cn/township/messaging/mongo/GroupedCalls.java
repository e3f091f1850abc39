package cn.township.messaging.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The group-commit mechanism behind {@link GroupedWrites} and {@link GroupedReads}: callers queue their requests;
 * whoever holds the lock takes everything queued (up to a budget) and serves it with one call to the server, then
 * each caller returns with its own answer. With one caller at a time it is one call per request.
 *
 * @param <Q> a caller's request
 * @param <A> the answer to one request
 */
final class GroupedCalls<Q, A> {

    private final int budget;
    private final ToIntFunction<Q> size;
    private final Function<List<Q>, List<A>> serve;
    private final ReentrantLock server = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending<Q, A>> queue = new ConcurrentLinkedQueue<>();

    private record Pending<Q, A>(Q request, CompletableFuture<A> done) {
    }

    /**
     * @param budget how much one call takes at most (the sum of {@code size} over its requests; at least one request)
     * @param serve  answers the requests in order; what it throws goes to every caller of that call
     */
    GroupedCalls(int budget, ToIntFunction<Q> size, Function<List<Q>, List<A>> serve) {
        this.budget = budget;
        this.size = size;
        this.serve = serve;
    }

    A call(Q request) {
        Pending<Q, A> mine = new Pending<>(request, new CompletableFuture<>());
        queue.add(mine);
        server.lock();
        try {
            while (!mine.done().isDone()) {
                serve(drain());
            }
        } finally {
            server.unlock();
        }
        try {
            return mine.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private List<Pending<Q, A>> drain() {
        List<Pending<Q, A>> batch = new ArrayList<>();
        int taken = 0;
        Pending<Q, A> p;
        while (taken < budget && (p = queue.poll()) != null) {
            batch.add(p);
            taken += size.applyAsInt(p.request());
        }
        return batch;
    }

    private void serve(List<Pending<Q, A>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<A> answers;
        try {
            answers = serve.apply(batch.stream().map(Pending::request).toList());
        } catch (RuntimeException e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(answers.get(i));
        }
    }
}
