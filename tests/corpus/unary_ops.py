x = 5
result = (-x, ~x, +x, not x)
