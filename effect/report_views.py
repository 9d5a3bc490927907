def report(request):
    raise NotImplementedError


def export(request, format):
    raise NotImplementedError


def summary(request, course_code):
    raise NotImplementedError
