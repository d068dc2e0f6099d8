// Placeholder until the fault-injection command lands.
print("flotilla-fault: not built yet")
