#!/usr/bin/env python3
"""Independent derivation of the golden values in OptimizerStepTest.

Each optimizer's update rule, written from PyTorch's documentation in exact decimal arithmetic (50 digits), applied
to θ0 = (1, −2) with the gradients G below. Run: python3 first_steps.py. The Java tests compare against these values
in the "rounding" tolerance tier.
"""
from decimal import Decimal as D, getcontext

getcontext().prec = 50

THETA0 = [D(1), D(-2)]
G = [[D("0.5"), D(-1)], [D(-1), D("0.01")], [D("0.2"), D("0.3")]]


def show(name, steps):
    print(name)
    for t, (theta, extra) in enumerate(steps, 1):
        print(f"  t={t} θ = [{theta[0]:.20E}, {theta[1]:.20E}]  {extra}")


def nesterov(lr, mu, wd, n=2):
    theta, b, out = THETA0[:], [D(0)] * 2, []
    for t in range(n):
        g = [G[t][i] + wd * theta[i] for i in range(2)]
        b = [mu * b[i] + g[i] for i in range(2)]
        theta = [theta[i] - lr * (g[i] + mu * b[i]) for i in range(2)]
        out.append((theta, f"b = {b}"))
    return out


def adam_like(lr, b1, b2, eps, n=2, amsgrad=False, decoupled=D(0)):
    theta, m, v, vmax, out = THETA0[:], [D(0)] * 2, [D(0)] * 2, [D(0)] * 2, []
    for t in range(1, n + 1):
        theta = [x * (1 - lr * decoupled) for x in theta]
        g = G[t - 1]
        m = [b1 * m[i] + (1 - b1) * g[i] for i in range(2)]
        v = [b2 * v[i] + (1 - b2) * g[i] ** 2 for i in range(2)]
        vmax = [max(vmax[i], v[i]) for i in range(2)]
        den = vmax if amsgrad else v
        theta = [theta[i] - (lr / (1 - b1 ** t)) * m[i] / (den[i].sqrt() / (1 - b2 ** t).sqrt() + eps)
                 for i in range(2)]
        out.append((theta, f"v_max = {vmax}" if amsgrad else ""))
    return out


def nadam(lr, b1, b2, eps, psi, n=2):
    theta, m, v, prod, out = THETA0[:], [D(0)] * 2, [D(0)] * 2, D(1), []
    for t in range(1, n + 1):
        g = G[t - 1]
        mu = b1 * (1 - D("0.5") * D("0.96") ** (t * psi))
        mu_next = b1 * (1 - D("0.5") * D("0.96") ** ((t + 1) * psi))
        prod *= mu
        m = [b1 * m[i] + (1 - b1) * g[i] for i in range(2)]
        v = [b2 * v[i] + (1 - b2) * g[i] ** 2 for i in range(2)]
        d = [(v[i] / (1 - b2 ** t)).sqrt() + eps for i in range(2)]
        theta = [theta[i] - lr * (1 - mu) / (1 - prod) * g[i] / d[i]
                 - lr * mu_next / (1 - prod * mu_next) * m[i] / d[i] for i in range(2)]
        out.append((theta, f"mu_product = {prod}"))
    return out


def radam(lr, b1, b2, eps, grads):
    theta, m, v, out = THETA0[:], [D(0)] * 2, [D(0)] * 2, []
    rho_inf = 2 / (1 - b2) - 1
    for t, g in enumerate(grads, 1):
        m = [b1 * m[i] + (1 - b1) * g[i] for i in range(2)]
        v = [b2 * v[i] + (1 - b2) * g[i] ** 2 for i in range(2)]
        mhat = [m[i] / (1 - b1 ** t) for i in range(2)]
        rho = rho_inf - 2 * t * b2 ** t / (1 - b2 ** t)
        if rho > 5:
            r = ((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho)).sqrt()
            theta = [theta[i] - lr * mhat[i] * r * (1 - b2 ** t).sqrt() / (v[i].sqrt() + eps) for i in range(2)]
        else:
            theta = [theta[i] - lr * mhat[i] for i in range(2)]
        out.append((theta, f"rho_t = {rho:.6f}"))
    return out


def adamax(lr, b1, b2, eps, n=2):
    theta, m, u, out = THETA0[:], [D(0)] * 2, [D(0)] * 2, []
    for t in range(1, n + 1):
        g = G[t - 1]
        m = [b1 * m[i] + (1 - b1) * g[i] for i in range(2)]
        u = [max(b2 * u[i], abs(g[i]) + eps) for i in range(2)]
        theta = [theta[i] - lr / (1 - b1 ** t) * m[i] / u[i] for i in range(2)]
        out.append((theta, f"u = {u}"))
    return out


def adagrad(lr, decay, init, eps, n=2):
    theta, s, out = THETA0[:], [init] * 2, []
    for t in range(1, n + 1):
        g = G[t - 1]
        clr = lr / (1 + (t - 1) * decay)
        s = [s[i] + g[i] ** 2 for i in range(2)]
        theta = [theta[i] - clr * g[i] / (s[i].sqrt() + eps) for i in range(2)]
        out.append((theta, f"s = {s}"))
    return out


def rmsprop(lr, alpha, eps, momentum, centered, n=2):
    theta, v, b, a, out = THETA0[:], [D(0)] * 2, [D(0)] * 2, [D(0)] * 2, []
    for t in range(n):
        g = G[t]
        v = [alpha * v[i] + (1 - alpha) * g[i] ** 2 for i in range(2)]
        if centered:
            a = [alpha * a[i] + (1 - alpha) * g[i] for i in range(2)]
            d = [(v[i] - a[i] ** 2).sqrt() + eps for i in range(2)]
        else:
            d = [v[i].sqrt() + eps for i in range(2)]
        if momentum > 0:
            b = [momentum * b[i] + g[i] / d[i] for i in range(2)]
            theta = [theta[i] - lr * b[i] for i in range(2)]
        else:
            theta = [theta[i] - lr * g[i] / d[i] for i in range(2)]
        out.append((theta, f"v = {v}"))
    return out


def adadelta(lr, rho, eps, wd, n=2):
    theta, v, u, out = THETA0[:], [D(0)] * 2, [D(0)] * 2, []
    for t in range(n):
        g = [G[t][i] + wd * theta[i] for i in range(2)]
        v = [rho * v[i] + (1 - rho) * g[i] ** 2 for i in range(2)]
        delta = [(u[i] + eps).sqrt() / (v[i] + eps).sqrt() * g[i] for i in range(2)]
        u = [rho * u[i] + (1 - rho) * delta[i] ** 2 for i in range(2)]
        theta = [theta[i] - lr * delta[i] for i in range(2)]
        out.append((theta, f"u = {u}"))
    return out


def asgd(lr, lambd, alpha, t0, n=3):
    theta, a, eta, mu, out = THETA0[:], [D(0)] * 2, lr, D(1), []
    for t in range(1, n + 1):
        g = G[t - 1]
        theta = [theta[i] * (1 - lambd * eta) - eta * g[i] for i in range(2)]
        a = theta[:] if mu == 1 else [a[i] + mu * (theta[i] - a[i]) for i in range(2)]
        eta = lr / (1 + lambd * lr * t) ** alpha
        mu = D(1) / max(D(1), D(t - t0))
        out.append((theta, f"a = [{a[0]:.20E}, {a[1]:.20E}] eta = {eta:.20E} mu = {mu}"))
    return out


if __name__ == "__main__":
    show("nesterov lr 0.1 momentum 0.5 weight_decay 0.1", nesterov(D("0.1"), D("0.5"), D("0.1")))
    show("amsgrad lr 0.1", adam_like(D("0.1"), D("0.9"), D("0.999"), D("1e-8"), amsgrad=True))
    show("adamw lr 0.1 weight_decay 0.1", adam_like(D("0.1"), D("0.9"), D("0.999"), D("1e-8"), decoupled=D("0.1")))
    show("nadam lr 0.1", nadam(D("0.1"), D("0.9"), D("0.999"), D("1e-8"), D("4e-3")))
    show("radam lr 0.1 beta2 0.9, gradient (0.5, -1) six times",
         radam(D("0.1"), D("0.9"), D("0.9"), D("1e-8"), [G[0]] * 6))
    show("adamax lr 0.1", adamax(D("0.1"), D("0.9"), D("0.999"), D("1e-8")))
    show("adagrad lr 0.1 lr_decay 0.5 initial_accumulator_value 0.1",
         adagrad(D("0.1"), D("0.5"), D("0.1"), D("1e-10")))
    show("rmsprop lr 0.01", rmsprop(D("0.01"), D("0.99"), D("1e-8"), D(0), False))
    show("rmsprop lr 0.01 momentum 0.9 centered", rmsprop(D("0.01"), D("0.99"), D("1e-8"), D("0.9"), True))
    show("adadelta lr 1 weight_decay 0.1", adadelta(D(1), D("0.9"), D("1e-6"), D("0.1")))
    show("asgd lr 0.1 lambd 0.1 t0 0", asgd(D("0.1"), D("0.1"), D("0.75"), 0))


def lbfgs_second_iteration():
    """f(x) = ½(x1² + 4·x2²) from x0 = (1, 1), lr 1: the first iteration steps t = min(1, 1/‖g‖₁) = 0.2 along −g to
    x1 = (0.8, 0.2); the second takes the two-loop direction with the pair (s, y) and the unit step."""
    a = [D(1), D(4)]
    x0 = [D(1), D(1)]
    g0 = [a[i] * x0[i] for i in range(2)]
    t0 = min(D(1), 1 / sum(abs(v) for v in g0))
    d0 = [-v for v in g0]
    x1 = [x0[i] + t0 * d0[i] for i in range(2)]
    g1 = [a[i] * x1[i] for i in range(2)]
    s = [t0 * d0[i] for i in range(2)]
    y = [g1[i] - g0[i] for i in range(2)]
    ys = sum(s[i] * y[i] for i in range(2))
    h = ys / sum(v * v for v in y)
    rho = 1 / ys
    q = [-v for v in g1]
    alpha = rho * sum(s[i] * q[i] for i in range(2))
    q = [q[i] - alpha * y[i] for i in range(2)]
    r = [h * v for v in q]
    beta = rho * sum(y[i] * r[i] for i in range(2))
    d1 = [r[i] + (alpha - beta) * s[i] for i in range(2)]
    x2 = [x1[i] + d1[i] for i in range(2)]
    f = lambda x: (a[0] * x[0] ** 2 + a[1] * x[1] ** 2) / 2
    g2 = [a[i] * x2[i] for i in range(2)]
    gtd1 = sum(g1[i] * d1[i] for i in range(2))
    gtd2 = sum(g2[i] * d1[i] for i in range(2))
    print("lbfgs on ½(x1² + 4·x2²) from (1, 1)")
    print(f"  x1 = {x1}, g1 = {g1}, s = {s}, y = {y}, y·s = {ys}, H = {h:.20E}")
    print(f"  d1 = [{d1[0]:.20E}, {d1[1]:.20E}]")
    print(f"  x2 = x1 + d1 = [{x2[0]:.20E}, {x2[1]:.20E}]")
    print(f"  strong Wolfe at t = 1: f(x2) = {f(x2):.6f} <= f(x1) + 1e-4·g1·d1 = {f(x1) + D('1e-4') * gtd1:.6f}; "
          f"|g2·d1| = {abs(gtd2):.6f} <= 0.9·|g1·d1| = {D('0.9') * abs(gtd1):.6f}")


if __name__ == "__main__":
    lbfgs_second_iteration()
