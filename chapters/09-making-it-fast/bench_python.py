#!/usr/bin/env python3
"""The same network and training step in numpy and in PyTorch, timed the way the C++ benchmark times
its own implementations. Run by the chapter program (ch09-making-it-fast), not by hand:

    bench_python.py DATA_DIR --impl numpy|torch64,torch32 [--threads N]

DATA_DIR holds X.f64 (N × f), Y.f64 (N × c3), theta.f64 (‖θ‖) and meta.txt ("N f c1 c2 c3 lambda lr"),
little-endian doubles written by the C++ program. For each implementation it prints

    check IMPL LOSS G_1 … G_n          the loss and gradient at θ0
    after IMPL T_1 … T_n               θ after 3 gradient-descent steps from θ0
    threads IMPL N                     the threads it may use
    missing IMPL REASON                instead of those, when numpy or torch is not installed

then "ready", and answers the benchmark's commands on stdin (see main): the benchmark times every
implementation in turn, block after block, so a busy machine slows them all alike.
"""
import argparse
import os
import sys
import time


def read_problem(data_dir, np):
    with open(os.path.join(data_dir, "meta.txt")) as f:
        N, f_, c1, c2, c3, lam, lr = f.read().split()
    N, f_, c1, c2, c3 = int(N), int(f_), int(c1), int(c2), int(c3)
    X = np.fromfile(os.path.join(data_dir, "X.f64"), dtype="<f8").reshape(N, f_)
    Y = np.fromfile(os.path.join(data_dir, "Y.f64"), dtype="<f8").reshape(N, c3)
    theta = np.fromfile(os.path.join(data_dir, "theta.f64"), dtype="<f8")
    return X, Y, theta, (f_, c1, c2, c3), float(lam), float(lr)


# [numpy]
def numpy_step_maker(np, X, Y, c, lam):
    """The lecture's formulas written straight in numpy, one array per intermediate (no tuning)."""
    N = X.shape[0]
    shapes = [(c[l] + 1, c[l + 1]) for l in range(3)]
    ends = np.cumsum([0] + [r * k for r, k in shapes])

    def add_bias_column(A):
        return np.hstack([np.ones((A.shape[0], 1)), A])

    def log_sigmoid(z):
        return np.minimum(z, 0.0) - np.log1p(np.exp(-np.abs(z)))

    def loss_and_gradient(theta):
        t1, t2, t3 = (theta[ends[l]:ends[l + 1]].reshape(shapes[l]) for l in range(3))
        x_star = add_bias_column(X)
        z1 = x_star @ t1
        a1 = np.tanh(z1)
        a1_star = add_bias_column(a1)
        z2 = a1_star @ t2
        a2 = np.tanh(z2)
        a2_star = add_bias_column(a2)
        z3 = a2_star @ t3
        e = np.exp(-np.abs(z3))
        y_hat = np.where(z3 >= 0.0, 1.0 / (1.0 + e), e / (1.0 + e))
        penalty = lam / (2 * N) * sum(np.sum(t[1:] ** 2) for t in (t1, t2, t3))
        loss = -np.sum(Y * log_sigmoid(z3) + (1.0 - Y) * log_sigmoid(-z3)) / N + penalty
        dz3 = (y_hat - Y) / N
        dt3 = a2_star.T @ dz3
        dz2 = (dz3 @ t3[1:].T) * (1.0 - a2 ** 2)
        dt2 = a1_star.T @ dz2
        dz1 = (dz2 @ t2[1:].T) * (1.0 - a1 ** 2)
        dt1 = x_star.T @ dz1
        for dt, t in ((dt1, t1), (dt2, t2), (dt3, t3)):
            dt[1:] += lam / N * t[1:]
        return loss, np.concatenate([dt1.ravel(), dt2.ravel(), dt3.ravel()])

    return loss_and_gradient
# [numpy]


def run_numpy(args, np):
    X, Y, theta0, c, lam, lr = read_problem(args.data, np)
    loss_and_gradient = numpy_step_maker(np, X, Y, c, lam)

    def train(theta, epochs):
        for _ in range(epochs):
            loss, g = loss_and_gradient(theta)
            theta -= lr * g  # in place, like the C++ loops
        return theta

    loss, g = loss_and_gradient(theta0.copy())
    return (loss, g, train(theta0.copy(), 3), lambda epochs: train(theta0.copy(), epochs))


# [torch]
def torch_step_maker(torch, X, Y, c, lam, lr):
    """The same network in PyTorch as one usually writes it: autograd, the bias added by addmm (as
    nn.Linear does), binary_cross_entropy_with_logits for the stable loss, plain SGD by hand."""
    F = torch.nn.functional
    N = X.shape[0]
    shapes = [(c[l] + 1, c[l + 1]) for l in range(3)]
    sizes = [r * k for r, k in shapes]

    def layers(theta):
        return [t.view(s) for t, s in zip(torch.split(theta, sizes), shapes)]

    def loss_of(theta):
        t1, t2, t3 = layers(theta)
        a1 = torch.tanh(torch.addmm(t1[0], X, t1[1:]))
        a2 = torch.tanh(torch.addmm(t2[0], a1, t2[1:]))
        z3 = torch.addmm(t3[0], a2, t3[1:])
        penalty = lam / (2 * N) * (t1[1:].square().sum() + t2[1:].square().sum() + t3[1:].square().sum())
        return F.binary_cross_entropy_with_logits(z3, Y, reduction="sum") / N + penalty

    def step(theta):
        loss = loss_of(theta)
        loss.backward()
        with torch.no_grad():
            theta -= lr * theta.grad
        theta.grad = None
        return loss

    return loss_of, step
# [torch]


def run_torch(args, np, torch, dtype):
    X, Y, theta0, c, lam, lr = read_problem(args.data, np)
    X, Y = torch.tensor(X, dtype=dtype), torch.tensor(Y, dtype=dtype)
    loss_of, step = torch_step_maker(torch, X, Y, c, lam, lr)

    def fresh():
        return torch.tensor(theta0, dtype=dtype, requires_grad=True)

    theta = fresh()
    loss = loss_of(theta)
    loss.backward()
    g = theta.grad.detach().double().numpy()

    def train(epochs):
        theta = fresh()
        for _ in range(epochs):
            step(theta)
        return theta

    after = train(3).detach().double().numpy()
    return float(loss), g, after, train


def warm_up(train, seconds):
    """Train for about `seconds` (at least 4 epochs); the seconds per epoch it took."""
    start, done, epochs = time.perf_counter(), 0, 1
    while True:
        train(epochs)
        done += epochs
        spent = time.perf_counter() - start
        if spent >= seconds and done >= 4:
            return spent / done
        epochs *= 2


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data")
    p.add_argument("--impl", required=True, help="comma-separated: numpy, torch64, torch32")
    p.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (0: leave the default)")
    args = p.parse_args()
    runs = {}
    for impl in args.impl.split(","):
        try:
            import numpy as np
        except ImportError:
            print(f"missing {impl} numpy is not installed for {sys.executable} (Debian: python3-numpy)")
            continue
        if impl == "numpy":
            loss, g, after, train = run_numpy(args, np)
            threads = int(os.environ.get("OPENBLAS_NUM_THREADS", "0") or 0) or os.cpu_count()
        elif impl in ("torch64", "torch32"):
            try:
                import torch
            except ImportError:
                print(f"missing {impl} torch is not installed for {sys.executable} (Debian: python3-torch)")
                continue
            if args.threads:
                torch.set_num_threads(args.threads)
            loss, g, after, train = run_torch(args, np, torch, torch.float64 if impl == "torch64" else torch.float32)
            threads = torch.get_num_threads()
        else:
            sys.exit(f"unknown implementation {impl}")
        print("check", impl, repr(float(loss)), " ".join(repr(float(v)) for v in g))
        print("after", impl, " ".join(repr(float(v)) for v in after))
        print("threads", impl, threads)
        runs[impl] = train
    print("ready", flush=True)
    # Then, one command a line from the benchmark: "warmup IMPL SECONDS", "run IMPL EPOCHS", "quit".
    for line in sys.stdin:
        command, impl, value = (line.split() + ["", "", ""])[:3]
        if command == "warmup":
            print("per_epoch", impl, repr(warm_up(runs[impl], float(value))), flush=True)
        elif command == "run":
            t0 = time.perf_counter()
            runs[impl](int(value))
            print("secs", impl, repr(time.perf_counter() - t0), flush=True)
        else:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
