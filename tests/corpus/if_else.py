x = 17
if x % 2 == 0:
    result = "even"
elif x % 3 == 0:
    result = "three"
else:
    result = "odd"
