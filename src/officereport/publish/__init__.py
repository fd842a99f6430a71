"""Publishing builds: staging, atomic swap, state, run lock, refresh and watch."""
