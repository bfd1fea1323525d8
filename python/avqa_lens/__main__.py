"""python3 -m avqa_lens check MODEL.pt"""
import sys


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: python3 -m avqa_lens check MODEL.pt [--batch N] [--json]\n\n"
              "check: load a model file as avqa-lens does, run it once on inputs shaped from its\n"
              "avqa.json, print the outputs it provides and what the app would refuse (exit 1).")
        return 0 if argv else 2
    if argv[0] != "check":
        print("python3 -m avqa_lens: unknown command %r (known: check)" % argv[0], file=sys.stderr)
        return 2
    from .check import main as check_main

    return check_main(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
