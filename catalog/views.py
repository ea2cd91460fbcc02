from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .models import Category, Framework, UseCase


class FrameworkListView(ListView):
    """The published catalog, ranked by latest usage share."""

    queryset = Framework.objects.published().ranked().select_related("category")


class FrameworkDetailView(DetailView):
    """One framework; drafts are shown only to users who may view them."""

    def get_queryset(self):
        return Framework.objects.visible_to(self.request.user).for_detail_page()


class NarrowedFrameworkListView(FrameworkListView):
    """The ranked catalog narrowed to one category or use case."""

    narrowing_model = None
    framework_filter = None

    def get_queryset(self):
        self.narrowed_by = get_object_or_404(
            self.narrowing_model, slug=self.kwargs["slug"]
        )
        return super().get_queryset().filter(**{self.framework_filter: self.narrowed_by})

    def get_context_data(self, **kwargs):
        return super().get_context_data(narrowed_by=self.narrowed_by, **kwargs)


class CategoryDetailView(NarrowedFrameworkListView):
    narrowing_model = Category
    framework_filter = "category"


class UseCaseDetailView(NarrowedFrameworkListView):
    narrowing_model = UseCase
    framework_filter = "use_cases"
