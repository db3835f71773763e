"""Starts moto_server with the patches that make it behave like AWS where ecsgate depends on it.

Used by the test harness (MotoServer.java) and by `./controller demo`. The patches live beside this
file, one module per AWS service (patch_<service>.py); every patch names the moto gap it closes.
The product code follows AWS, never the emulator. Run: python run_moto.py -p PORT
"""
import importlib
import os
import sys

from moto.server import main

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
for module in sorted(f[:-3] for f in os.listdir(HERE) if f.startswith("patch_") and f.endswith(".py")):
    importlib.import_module(module)

if __name__ == "__main__":
    main(sys.argv[1:])
