import django.db.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("legislation", "0006_reference_data_corrections")]

    operations = [
        migrations.AddConstraint(
            model_name='assessment',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('answer__in', ['yes', 'partial']), _negated=True), models.Q(('article', ''), _negated=True), _connector='OR'), name='assessment_cites_article', violation_error_message='A “yes” or “partly” answer must name the articles or sections that carry it.'),
        ),
    ]
