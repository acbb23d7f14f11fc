// Dashboard enhancements are added by admin.js (progressive; every action works without it).
