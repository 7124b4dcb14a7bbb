def build_operations():
    return []
