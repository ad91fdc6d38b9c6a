# ProcessPoolExecutor for CPU-bound work (the prime-checking example of the concurrent.futures docs).
import concurrent.futures
import math

PRIMES = [112272535095293, 112582705942171, 112272535095291, 115280095190773, 115797848077099, 1099726899285419]


def is_prime(n):
    if n < 2:
        return False
    if n == 2:
        return True
    if n % 2 == 0:
        return False
    sqrt_n = int(math.floor(math.sqrt(n)))
    for i in range(3, sqrt_n + 1, 2):
        if n % i == 0:
            return False
    return True


def main():
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as executor:
        for number, prime in zip(PRIMES[:4], executor.map(is_prime, PRIMES[:4])):
            print(f"{number} is prime: {prime}")


if __name__ == "__main__":
    main()
