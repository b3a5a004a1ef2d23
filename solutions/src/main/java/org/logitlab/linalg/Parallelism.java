package org.logitlab.linalg;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * How many threads the large kernels use: the products in {@link Matrices}, {@code descend} and the
 * activations. Like {@code OPENBLAS_NUM_THREADS} for NumPy, it is one setting for the whole JVM: the
 * system property {@code logitlab.threads} (default 1), or {@link #setThreads(int)}.
 *
 * <p><b>Threads never change a result.</b> A kernel is split by rows of its output, so every output
 * element is still computed by one thread, with the same operations in the same order as with one
 * thread. Training with 1 or 8 threads gives the same weights to the last bit.
 *
 * <p>The extra threads are daemon threads created on first use. Between kernel calls they spin
 * briefly (a training step calls several kernels in a row), then sleep until the next call. If two
 * application threads run kernels at once, the second runs its kernel on its own thread.
 */
public final class Parallelism {

  /** The system property that sets the initial number of threads. */
  public static final String PROPERTY = "logitlab.threads";

  /** The most threads {@link #setThreads(int)} accepts. */
  public static final int MAX_THREADS = 256;

  /**
   * Below this many multiply-adds (or similar) a kernel runs on the calling thread. Handing work to a
   * spinning thread costs about 0.2 µs; a sleeping one takes longer to wake.
   */
  static final long MIN_PARALLEL_WORK = 4_096;

  private static volatile Team team = fromProperty(System.getProperty(PROPERTY));

  private Parallelism() {}

  /**
   * The number of threads kernels use, at least 1.
   *
   * @return the number of threads, 1 when kernels run on the calling thread only
   */
  public static int threads() {
    Team t = team;
    return t == null ? 1 : t.size;
  }

  /**
   * Sets the number of threads kernels use.
   *
   * @param threads from 1 to {@link #MAX_THREADS}; 1 runs every kernel on the calling thread
   * @throws IllegalArgumentException if {@code threads} is out of range
   */
  public static synchronized void setThreads(int threads) {
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException("the number of threads must be from 1 to " + MAX_THREADS + ", got "
          + threads);
    }
    if (threads == threads()) {
      return;
    }
    Team old = team;
    team = threads == 1 ? null : new Team(threads);
    if (old != null) {
      old.shutdown();
    }
  }

  static Team fromProperty(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    int threads;
    try {
      threads = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      threads = 0;
    }
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + " is not a thread count: give a whole number "
          + "from 1 to " + MAX_THREADS);
    }
    return threads == 1 ? null : new Team(threads);
  }

  /**
   * A kernel that computes its output row by row: matrices {@code a}, {@code b}, a vector {@code v}
   * and a scalar {@code s} in, {@code out} out. The operands are passed as arguments, not captured,
   * so that a kernel is a constant and a parallel call allocates nothing; each kernel uses the ones it
   * needs. Each output row must depend only on the inputs, never on other output rows.
   */
  @FunctionalInterface
  public interface RowKernel {
    /**
     * Computes rows {@code [from, to)} of the output; never called twice for the same row in one call.
     *
     * @param a the first matrix operand, or null if the kernel takes none
     * @param b the second matrix operand, or null
     * @param v the vector operand, or null
     * @param s the scalar operand
     * @param out the output, whose rows {@code [from, to)} this call computes
     * @param from the first row to compute
     * @param to one past the last row to compute
     */
    void rows(double[][] a, double[][] b, double[] v, double s, double[][] out, int from, int to);
  }

  /**
   * Runs {@code kernel} over rows {@code [0, rows)}, split across the threads when the work is large
   * enough, and returns when every row is done. If the kernel throws, the exception thrown is the
   * one for the lowest rows, as if one thread had run them in order (other rows may be done).
   *
   * @param workPerRow the cost of one row in multiply-adds (or similar), to decide whether to split
   * @param kernel computes a range of output rows
   * @param rows the number of output rows
   * @param a the kernel's first matrix operand, or null
   * @param b the kernel's second matrix operand, or null
   * @param v the kernel's vector operand, or null
   * @param s the kernel's scalar operand
   * @param out the output the kernel writes
   */
  public static void forRows(RowKernel kernel, int rows, long workPerRow, double[][] a, double[][] b, double[] v,
      double s, double[][] out) {
    Team t = team;
    if (t == null || rows < 2 || rows * workPerRow < MIN_PARALLEL_WORK || !t.busy.compareAndSet(false, true)) {
      kernel.rows(a, b, v, s, out, 0, rows);
      return;
    }
    try {
      t.run(kernel, rows, a, b, v, s, out);
    } finally {
      t.busy.set(false);
    }
  }

  /** {@code size − 1} worker threads plus the caller; one kernel call at a time (guarded by {@link #busy}). */
  static final class Team {
    /** How long an idle worker spins before it sleeps, in nanoseconds. */
    private static final long SPIN_NANOS = 200_000;
    /** How long the caller spins for the workers before it yields its processor, in spins. */
    private static final int SPINS_BEFORE_YIELD = 10_000;

    final int size;
    final AtomicBoolean busy = new AtomicBoolean();
    private final Thread[] workers;
    private final boolean[] sleeping;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile boolean stopped;
    /** The exception of the lowest part that failed in the current call, and that part. */
    private Throwable failure;
    private int failedPart;
    // The current call, published by the volatile write of generation.
    private RowKernel kernel;
    private double[][] a;
    private double[][] b;
    private double[] v;
    private double s;
    private double[][] out;
    private int rows;
    private int parts;

    Team(int size) {
      this.size = size;
      this.workers = new Thread[size - 1];
      this.sleeping = new boolean[size - 1];
      for (int w = 0; w < workers.length; w++) {
        int part = w + 1;
        workers[w] = new Thread(() -> work(part), "logit-lab-kernel-" + part);
        workers[w].setDaemon(true);
        workers[w].start();
      }
    }

    void run(RowKernel kernel, int rows, double[][] a, double[][] b, double[] v, double s, double[][] out) {
      this.kernel = kernel;
      this.a = a;
      this.b = b;
      this.v = v;
      this.s = s;
      this.out = out;
      this.rows = rows;
      this.parts = Math.min(size, rows);
      // Every worker acknowledges every call, even one with no rows for it, so that none can still be
      // on an earlier call when the next one is published.
      pending.set(workers.length);
      generation++; // publishes the fields above to the workers
      for (int w = 0; w < workers.length; w++) {
        if (isSleeping(w)) {
          LockSupport.unpark(workers[w]);
        }
      }
      try {
        computePart(0);
      } finally {
        for (int spins = 0; pending.get() != 0; spins++) {
          if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
          } else {
            Thread.yield(); // the worker may be waiting for this processor
          }
        }
        this.a = this.b = this.out = null;
        this.v = null;
      }
      rethrowFailure();
    }

    private synchronized void fail(int part, Throwable e) {
      if (failure == null || part < failedPart) {
        failure = e;
        failedPart = part;
      }
    }

    /**
     * Throws, as it is, the exception of the lowest part that failed, if any: the one a single thread
     * would have met first.
     */
    private synchronized void rethrowFailure() {
      Throwable t = failure;
      failure = null;
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t != null) {
        throw (Error) t; // a RowKernel throws no checked exception
      }
    }

    /** Computes part {@code part} of the current call: rows {@code [rows·part/parts, rows·(part+1)/parts)}. */
    private void computePart(int part) {
      if (part >= parts) {
        return; // this call has fewer rows than threads
      }
      try {
        kernel.rows(a, b, v, s, out, start(part), start(part + 1));
      } catch (RuntimeException | Error e) {
        fail(part, e);
      }
    }

    private int start(int part) {
      return (int) ((long) rows * part / parts);
    }

    private void work(int part) {
      int seen = 0;
      while (true) {
        int g = awaitNewGeneration(part - 1, seen);
        if (g < 0) {
          return;
        }
        seen = g;
        try {
          computePart(part);
        } finally {
          pending.decrementAndGet();
        }
      }
    }

    /** Spins, then sleeps, until a new call is published; −1 once the team is shut down. */
    private int awaitNewGeneration(int worker, int seen) {
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      while (true) {
        if (stopped) {
          return -1;
        }
        int g = generation;
        if (g != seen) {
          return g;
        }
        if (System.nanoTime() < spinUntil) {
          Thread.onSpinWait();
          continue;
        }
        setSleeping(worker, true);
        if (generation == seen && !stopped) {
          LockSupport.park(this);
        }
        setSleeping(worker, false);
        spinUntil = System.nanoTime() + SPIN_NANOS;
      }
    }

    private synchronized boolean isSleeping(int worker) {
      return sleeping[worker];
    }

    private synchronized void setSleeping(int worker, boolean value) {
      sleeping[worker] = value;
    }

    /** Waits for the current call, if any, then stops the workers. Callers still holding the team run inline. */
    void shutdown() {
      while (!busy.compareAndSet(false, true)) {
        Thread.onSpinWait();
      }
      stopped = true;
      for (Thread worker : workers) {
        LockSupport.unpark(worker);
      }
    }
  }
}
