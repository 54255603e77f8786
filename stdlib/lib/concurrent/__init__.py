# Package holding concurrent.futures.
