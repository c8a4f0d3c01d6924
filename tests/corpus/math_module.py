import math
from math import sin, cos, sqrt, pi
xs = [sin(i * 0.1) + cos(i * 0.3) * sqrt(i) for i in range(100)]
result = (sum(xs), math.floor(-2.5), math.ceil(2.1), math.atan2(1, 2), math.exp(1.5), math.log(10), pi, math.hypot(3, 4))
try:
    math.sqrt(-1)
except ValueError as e:
    result += (str(e),)
