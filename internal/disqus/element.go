package disqus

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Tags carry no namespace, so they match whatever prefix the export binds
// to http://disqus.com and http://disqus.com/disqus-internals.

// xmlRef is an element that refers to another by its dsq:id attribute.
type xmlRef struct {
	ID string `xml:"id,attr"`
}

// xmlThread is the decoded form of a top-level <thread>.
type xmlThread struct {
	DsqID      string `xml:"id,attr"`
	Identifier string `xml:"id"`
	Link       string `xml:"link"`
	Title      string `xml:"title"`
	IsClosed   string `xml:"isClosed"`
}

// xmlPost is the decoded form of a <post>.
type xmlPost struct {
	DsqID     string    `xml:"id,attr"`
	Message   string    `xml:"message"`
	CreatedAt string    `xml:"createdAt"`
	IsDeleted string    `xml:"isDeleted"`
	IsSpam    string    `xml:"isSpam"`
	Author    xmlAuthor `xml:"author"`
	IP        string    `xml:"ipAddress"`
	Thread    xmlRef    `xml:"thread"`
	Parent    xmlRef    `xml:"parent"`
}

// xmlAuthor is a post's <author>.
type xmlAuthor struct {
	Email       string `xml:"email"`
	Name        string `xml:"name"`
	IsAnonymous string `xml:"isAnonymous"`
	Username    string `xml:"username"`
}

func (x *xmlThread) convert() (Thread, error) {
	closed, err := parseBool("isClosed", x.IsClosed)
	if err != nil {
		return Thread{}, err
	}
	return Thread{
		ID:         strings.TrimSpace(x.DsqID),
		Identifier: strings.TrimSpace(x.Identifier),
		Link:       strings.TrimSpace(x.Link),
		Title:      x.Title,
		Closed:     closed,
	}, nil
}

func (x *xmlPost) convert() (Post, error) {
	p := Post{
		ID:             strings.TrimSpace(x.DsqID),
		ThreadID:       strings.TrimSpace(x.Thread.ID),
		ParentID:       strings.TrimSpace(x.Parent.ID),
		Message:        x.Message,
		AuthorName:     x.Author.Name,
		AuthorEmail:    strings.TrimSpace(x.Author.Email),
		AuthorUsername: strings.TrimSpace(x.Author.Username),
		IP:             strings.TrimSpace(x.IP),
	}
	var err error
	if p.Anonymous, err = parseBool("isAnonymous", x.Author.IsAnonymous); err != nil {
		return Post{}, err
	}
	if p.Deleted, err = parseBool("isDeleted", x.IsDeleted); err != nil {
		return Post{}, err
	}
	if p.Spam, err = parseBool("isSpam", x.IsSpam); err != nil {
		return Post{}, err
	}
	if s := strings.TrimSpace(x.CreatedAt); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return Post{}, fmt.Errorf("dsq:id %q: <createdAt> %q is not an RFC 3339 time", p.ID, s)
		}
		p.CreatedAt = t.UTC()
	}
	return p, nil
}

// parseBool reads "true"/"false" (or 1/0); empty means false.
func parseBool(field, s string) (bool, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, fmt.Errorf("<%s> %q is not a boolean", field, s)
	}
	return b, nil
}
