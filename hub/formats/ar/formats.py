# Django's Arabic formats have no date-and-time format; without one, English's "N j, Y, P"
# would be used.
DATETIME_FORMAT = "j F، Y، H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
