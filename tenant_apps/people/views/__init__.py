"""The people pages: volunteers and participants (coordinators and managers), the skill and
area lists, and a volunteer's own profile."""
